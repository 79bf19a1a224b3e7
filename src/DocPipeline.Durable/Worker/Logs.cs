using Microsoft.Extensions.Logging;

namespace DocPipeline.Durable.Worker;

/// <summary>The runtime's log messages, with stable event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Durable worker {WorkerId} started on store '{Store}' (orchestrations: {MaxOrchestrations}, activities: {MaxActivities}).")]
    public static partial void WorkerStarted(this ILogger logger, string workerId, string store, int maxOrchestrations, int maxActivities);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Durable worker {WorkerId} stopped.")]
    public static partial void WorkerStopped(this ILogger logger, string workerId);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Instance {InstanceId}: step committed, status {Status}, {EventCount} new events.")]
    public static partial void EpisodeCommitted(this ILogger logger, string instanceId, OrchestrationRuntimeStatus status, int eventCount);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Instance {InstanceId}: another worker changed it first; the step will be retried.")]
    public static partial void EpisodeConflict(this ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Instance {InstanceId} failed: {Reason}")]
    public static partial void InstanceFailed(this ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Error, Message = "Instance {InstanceId}: a message was handed out {DequeueCount} times without completing; the instance is failed and the message kept for inspection.")]
    public static partial void OrchestrationPoisoned(this ILogger logger, string instanceId, int dequeueCount);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Error, Message = "Orchestration step for {InstanceId} threw unexpectedly; its messages will be delivered again.")]
    public static partial void EpisodeCrashed(this ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Activity {Name} for {InstanceId} (#{TaskId}) finished: {Outcome}.")]
    public static partial void ActivityFinished(this ILogger logger, string name, string instanceId, int taskId, string outcome);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Error, Message = "Activity {Name} for {InstanceId} (#{TaskId}) was handed out {DequeueCount} times without finishing; it is failed and kept for inspection.")]
    public static partial void ActivityPoisoned(this ILogger logger, string name, string instanceId, int taskId, int dequeueCount);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "The store failed during {Operation}; retrying in {Delay}.")]
    public static partial void StoreError(this ILogger logger, Exception exception, string operation, TimeSpan delay);
}
