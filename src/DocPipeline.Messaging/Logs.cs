using Microsoft.Extensions.Logging;

namespace DocPipeline.Messaging;

/// <summary>Log messages of the intake library, with stable event ids (41xx). Message bodies are never logged.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Skipped a {EventType} event (subject '{Subject}', id '{EventId}'): {Reason}")]
    public static partial void EventIgnored(this ILogger logger, string eventType, string? subject, string? eventId, string reason);
}
