namespace DocPipeline.Messaging.EventGrid;

/// <summary>Limits and filters for <see cref="BlobEventParser"/>.</summary>
public sealed class BlobEventParserOptions
{
    /// <summary>The default limits, reading blobs in every container.</summary>
    public static readonly BlobEventParserOptions Default = new();

    /// <summary>The longest message body accepted, in characters. Default: 1 MiB (queue messages are at most 64 KiB).</summary>
    public int MaxBodyLength { get; init; } = 1024 * 1024;

    /// <summary>The most events one message may hold. Default: 5,000.</summary>
    public int MaxEvents { get; init; } = 5000;

    /// <summary>
    /// The containers whose blobs are handled (compared ignoring case). A notification for a blob in any other
    /// container is reported in <see cref="BlobEventParseResult.Ignored"/> instead, since one Event Grid subscription
    /// often covers a whole storage account. Default: empty, which reads every container.
    /// </summary>
    public IReadOnlyCollection<string> Containers { get; init; } = [];
}
