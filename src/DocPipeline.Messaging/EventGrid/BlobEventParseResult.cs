using Microsoft.Extensions.Logging;

namespace DocPipeline.Messaging.EventGrid;

/// <summary>What one queue message held.</summary>
/// <param name="Created">The blob creations to handle, in message order.</param>
/// <param name="Ignored">The events skipped (other event types, other containers), in message order.</param>
/// <param name="WasBase64Encoded">Whether the message body was base64-encoded.</param>
public sealed record BlobEventParseResult(
    IReadOnlyList<BlobCreatedNotification> Created,
    IReadOnlyList<IgnoredBlobEvent> Ignored,
    bool WasBase64Encoded)
{
    /// <summary>Writes one information line per skipped event (event id 4101), so nothing is dropped silently.</summary>
    /// <param name="logger">Where to write.</param>
    public void LogIgnored(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        foreach (var ignored in Ignored)
        {
            logger.EventIgnored(ignored.EventType, ignored.Subject, ignored.EventId, ignored.Reason);
        }
    }
}
