using Microsoft.Extensions.Logging;

namespace DocPipeline.Messaging;

/// <summary>
/// Log messages of the messaging library, with stable event ids (41xx: Service Bus listener). Message bodies, keys
/// and tokens are never logged; message ids and sequence numbers are.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Listening on Service Bus queue '{Queue}' with {MaxConcurrentCalls} concurrent calls.")]
    public static partial void ListenerStarted(this ILogger logger, string queue, int maxConcurrentCalls);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Stopping listener on '{Queue}'; waiting up to {ShutdownTimeout} for {InFlight} in-flight messages.")]
    public static partial void ListenerStopping(this ILogger logger, string queue, TimeSpan shutdownTimeout, int inFlight);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Listener on '{Queue}' stopped.")]
    public static partial void ListenerStopped(this ILogger logger, string queue);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Debug, Message = "Received message '{MessageId}' (sequence {SequenceNumber}, delivery {DeliveryCount}) from '{Queue}'.")]
    public static partial void MessageReceived(this ILogger logger, string queue, string? messageId, long sequenceNumber, int deliveryCount);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Debug, Message = "Completed message '{MessageId}' (sequence {SequenceNumber}) on '{Queue}'.")]
    public static partial void MessageCompleted(this ILogger logger, string queue, string? messageId, long sequenceNumber);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Handler failed for message '{MessageId}' (sequence {SequenceNumber}, delivery {DeliveryCount}) on '{Queue}'; abandoning it for redelivery.")]
    public static partial void HandlerFailed(this ILogger logger, Exception exception, string queue, string? messageId, long sequenceNumber, int deliveryCount);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Debug, Message = "Abandoned message '{MessageId}' (sequence {SequenceNumber}) on '{Queue}'.")]
    public static partial void MessageAbandoned(this ILogger logger, string queue, string? messageId, long sequenceNumber);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Warning, Message = "Lock on message '{MessageId}' (sequence {SequenceNumber}) on '{Queue}' was lost during {Operation}; the broker will deliver it again.")]
    public static partial void LockLost(this ILogger logger, string queue, string? messageId, long sequenceNumber, string operation);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Debug, Message = "Renewed lock on message '{MessageId}' (sequence {SequenceNumber}) on '{Queue}'.")]
    public static partial void LockRenewed(this ILogger logger, string queue, string? messageId, long sequenceNumber);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Warning, Message = "Renewing the lock on message '{MessageId}' (sequence {SequenceNumber}) on '{Queue}' failed; retrying while the lock lasts.")]
    public static partial void LockRenewalFailed(this ILogger logger, Exception exception, string queue, string? messageId, long sequenceNumber);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Stopped renewing the lock on message '{MessageId}' (sequence {SequenceNumber}) on '{Queue}' after {MaxAutoLockRenewalDuration}; the handler is still running.")]
    public static partial void LockRenewalLimitReached(this ILogger logger, string queue, string? messageId, long sequenceNumber, TimeSpan maxAutoLockRenewalDuration);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Receiving from '{Queue}' failed ({ConsecutiveFailures} in a row); retrying in {Delay}.")]
    public static partial void ReceiveFailed(this ILogger logger, Exception exception, string queue, int consecutiveFailures, TimeSpan delay);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning, Message = "Could not {Operation} message '{MessageId}' (sequence {SequenceNumber}) on '{Queue}'; the broker will deliver it again when its lock expires.")]
    public static partial void SettleFailed(this ILogger logger, Exception exception, string queue, string? messageId, long sequenceNumber, string operation);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Warning, Message = "Handler for message '{MessageId}' (sequence {SequenceNumber}) on '{Queue}' did not finish within the shutdown timeout; abandoning the message.")]
    public static partial void HandlerAbandonedOnShutdown(this ILogger logger, string queue, string? messageId, long sequenceNumber);
}
