using Microsoft.Extensions.Logging;

namespace DocPipeline.Functions;

/// <summary>The app's log messages (event ids 500–599). None carries document text or connection strings.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "{Trigger}: {InstanceId} {Outcome}")]
    public static partial void Submitted(this ILogger logger, string trigger, string instanceId, string outcome);

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Ignored a {EventType} event: {Reason}")]
    public static partial void EventIgnored(this ILogger logger, string eventType, string reason);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Could not keep the failed original {Container}/{Name}")]
    public static partial void KeepFailedError(this ILogger logger, string container, string name, Exception exception);

    [LoggerMessage(EventId = 503, Level = LogLevel.Warning, Message = "{Trigger}: document {Name} refused: {Reason}")]
    public static partial void Refused(this ILogger logger, string trigger, string name, string reason);

    [LoggerMessage(EventId = 504, Level = LogLevel.Warning, Message = "Service Bus message {MessageId} abandoned (delivery {DeliveryCount})")]
    public static partial void MessageAbandoned(this ILogger logger, string messageId, int deliveryCount, Exception exception);

    [LoggerMessage(EventId = 505, Level = LogLevel.Debug, Message = "Service Bus drain is off: {Setting} is not set")]
    public static partial void ServiceBusOff(this ILogger logger, string setting);
}
