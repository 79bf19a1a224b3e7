using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Log messages of the triggers, with stable event ids (51xx common, 52xx folder drop, 53xx container drop, 54xx
/// ingest queue, 55xx Service Bus). Document contents and message bodies are never logged.
/// </summary>
internal static partial class TriggerLogs
{
    [LoggerMessage(5100, LogLevel.Information, "The {Trigger} trigger is turned off ({Setting}).")]
    public static partial void TriggerDisabled(this ILogger logger, string trigger, string setting);

    [LoggerMessage(5101, LogLevel.Information, "{Trigger}: '{Source}' submitted as {InstanceId} ({Outcome}).")]
    public static partial void DocumentSubmitted(this ILogger logger, string trigger, string source, string instanceId, SubmissionOutcome outcome);

    [LoggerMessage(5102, LogLevel.Warning, "The {Trigger} trigger could not scan '{Where}' ({Failures} in a row); backing off.")]
    public static partial void ScanFailed(this ILogger logger, Exception exception, string trigger, string where, int failures);

    [LoggerMessage(5103, LogLevel.Error, "The {Trigger} trigger cannot reach storage: the storage settings are invalid. It is not running.")]
    public static partial void StorageMisconfigured(this ILogger logger, Exception exception, string trigger);

    [LoggerMessage(5200, LogLevel.Information, "Watching folder '{Folder}' for documents (scanning every {Interval}).")]
    public static partial void FolderWatching(this ILogger logger, string folder, TimeSpan interval);

    [LoggerMessage(5201, LogLevel.Warning, "No change notifications for '{Folder}'; relying on timed scans.")]
    public static partial void WatcherUnavailable(this ILogger logger, Exception exception, string folder);

    [LoggerMessage(5202, LogLevel.Warning, "The watcher of '{Folder}' failed; timed scans continue.")]
    public static partial void WatcherFailed(this ILogger logger, Exception exception, string folder);

    [LoggerMessage(5203, LogLevel.Information, "Picked up '{Name}' (now '{Path}').")]
    public static partial void FilePickedUp(this ILogger logger, string name, string path);

    [LoggerMessage(5204, LogLevel.Information, "Resuming '{Name}', left in .processing by an earlier run.")]
    public static partial void FileResumed(this ILogger logger, string name);

    [LoggerMessage(5205, LogLevel.Warning, "'{Name}' disappeared from '{Folder}' before its run ended; its outcome will not be filed.")]
    public static partial void FileVanished(this ILogger logger, string name, string folder);

    [LoggerMessage(5206, LogLevel.Warning, "Could not move '{Name}' to '{Folder}'; leaving it.")]
    public static partial void FileMoveFailed(this ILogger logger, Exception exception, string name, string folder);

    [LoggerMessage(5207, LogLevel.Warning, "Handling '{Name}' failed ({Failures} in a row); trying again in {Delay}.")]
    public static partial void FileStepFailed(this ILogger logger, Exception exception, string name, int failures, TimeSpan delay);

    [LoggerMessage(5208, LogLevel.Information, "'{Name}' ({InstanceId}) ended {Status}; moved to '{Path}'.")]
    public static partial void FileFinished(this ILogger logger, string name, string instanceId, OrchestrationRuntimeStatus status, string path);

    [LoggerMessage(5209, LogLevel.Warning, "'{Name}' failed (instance {InstanceId}): {Reason} Moved to '{Path}'.")]
    public static partial void FileFailed(this ILogger logger, string name, string? instanceId, string reason, string path);

    [LoggerMessage(5300, LogLevel.Information, "Watching container '{Container}' for documents (listing every {Interval}).")]
    public static partial void ContainerWatching(this ILogger logger, string container, TimeSpan interval);

    [LoggerMessage(5301, LogLevel.Debug, "Claimed blob '{Name}' (attempt {Attempt}).")]
    public static partial void BlobClaimed(this ILogger logger, string name, int attempt);

    [LoggerMessage(5302, LogLevel.Debug, "Blob '{Name}' changed meanwhile ({ErrorCode}); the next scan sees its new state.")]
    public static partial void BlobChangedMeanwhile(this ILogger logger, string name, string? errorCode);

    [LoggerMessage(5303, LogLevel.Warning, "Handling blob '{Name}' (state {State}) failed; the next scan tries again.")]
    public static partial void BlobStepFailed(this ILogger logger, Exception exception, string name, string state);

    [LoggerMessage(5304, LogLevel.Warning, "Attempt {Attempt} of {MaxAttempts} at blob '{Name}' failed; released for the next scan.")]
    public static partial void BlobAttemptFailed(this ILogger logger, Exception exception, string name, int attempt, int maxAttempts);

    [LoggerMessage(5305, LogLevel.Information, "Blob '{Name}' ({InstanceId}) ended {Status}.")]
    public static partial void BlobFinished(this ILogger logger, string name, string instanceId, OrchestrationRuntimeStatus status);

    [LoggerMessage(5306, LogLevel.Warning, "Blob '{Name}' marked failed (instance {InstanceId}): {Reason}")]
    public static partial void BlobFailed(this ILogger logger, string name, string? instanceId, string reason);

    [LoggerMessage(5400, LogLevel.Information, "Listening on storage queue '{Queue}' (poison queue '{PoisonQueue}' after {MaxDequeueCount} deliveries).")]
    public static partial void QueueWatching(this ILogger logger, string queue, string poisonQueue, int maxDequeueCount);

    [LoggerMessage(5401, LogLevel.Warning, "Receiving from queue '{Queue}' failed ({Failures} in a row); backing off.")]
    public static partial void ReceiveFailed(this ILogger logger, Exception exception, string queue, int failures);

    [LoggerMessage(5402, LogLevel.Warning, "Message '{MessageId}' on '{Queue}' failed (delivery {DequeueCount} of {MaxDequeueCount}); it becomes visible again in {Delay}.")]
    public static partial void MessageFailed(this ILogger logger, Exception exception, string queue, string messageId, long dequeueCount, int maxDequeueCount, TimeSpan delay);

    [LoggerMessage(5403, LogLevel.Warning, "Message '{MessageId}' on '{Queue}' (delivery {DequeueCount}) moved to '{PoisonQueue}': {Reason}")]
    public static partial void MessagePoisoned(this ILogger logger, string queue, string messageId, long dequeueCount, string poisonQueue, string reason);

    [LoggerMessage(5404, LogLevel.Warning, "Could not {Operation} message '{MessageId}' on '{Queue}'; it reappears when its lease ends.")]
    public static partial void QueueOperationFailed(this ILogger logger, Exception exception, string operation, string queue, string messageId);

    [LoggerMessage(5500, LogLevel.Information, "Listening on Service Bus queue '{Queue}' at {Namespace} ({MaxConcurrentCalls} concurrent calls, lock renewed for up to {MaxAutoLockRenewalDuration}).")]
    public static partial void ServiceBusListening(this ILogger logger, string queue, string @namespace, int maxConcurrentCalls, TimeSpan maxAutoLockRenewalDuration);

    [LoggerMessage(5501, LogLevel.Warning, "Service Bus {ErrorSource} failed on '{EntityPath}' at {Namespace}; the processor retries.")]
    public static partial void ServiceBusProcessorError(this ILogger logger, Exception exception, string errorSource, string entityPath, string @namespace);

    [LoggerMessage(5502, LogLevel.Warning, "Service Bus message '{MessageId}' (delivery {DeliveryCount}) can never be handled and is dead-lettered ({Category}): {Reason}")]
    public static partial void ServiceBusMessageDeadLettered(this ILogger logger, string? messageId, int deliveryCount, string category, string reason);

    [LoggerMessage(5503, LogLevel.Warning, "Service Bus message '{MessageId}' (delivery {DeliveryCount}) failed and is abandoned; the queue dead-letters it once its maximum delivery count is reached.")]
    public static partial void ServiceBusMessageAbandoned(this ILogger logger, Exception exception, string? messageId, int deliveryCount);

    [LoggerMessage(5504, LogLevel.Warning, "Could not {Operation} Service Bus message '{MessageId}'; it is delivered again when its lock expires, and submitting it again is harmless.")]
    public static partial void ServiceBusSettleFailed(this ILogger logger, Exception exception, string operation, string? messageId);

    [LoggerMessage(5505, LogLevel.Information, "Stopped listening on Service Bus queue '{Queue}'.")]
    public static partial void ServiceBusStopped(this ILogger logger, string queue);
}
