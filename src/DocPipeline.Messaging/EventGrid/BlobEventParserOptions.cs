namespace DocPipeline.Messaging.EventGrid;

/// <summary>Limits for <see cref="BlobEventParser"/>.</summary>
public sealed class BlobEventParserOptions
{
    /// <summary>The default limits.</summary>
    public static readonly BlobEventParserOptions Default = new();

    /// <summary>The longest message body accepted, in characters. Default: 1 MiB (queue messages are at most 64 KiB).</summary>
    public int MaxBodyLength { get; init; } = 1024 * 1024;

    /// <summary>The most events one message may hold. Default: 5,000.</summary>
    public int MaxEvents { get; init; } = 5000;
}
