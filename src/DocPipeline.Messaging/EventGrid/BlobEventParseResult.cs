namespace DocPipeline.Messaging.EventGrid;

/// <summary>What one queue message held.</summary>
/// <param name="Created">The blob creations, in message order.</param>
/// <param name="Ignored">The events of other types, in message order.</param>
/// <param name="WasBase64Encoded">Whether the message body was base64-encoded.</param>
public sealed record BlobEventParseResult(
    IReadOnlyList<BlobCreatedNotification> Created,
    IReadOnlyList<IgnoredBlobEvent> Ignored,
    bool WasBase64Encoded);
