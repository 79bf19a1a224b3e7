using Microsoft.Extensions.Logging;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>The Azure Storage store's log messages, with stable event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "Clean-up after {Operation} of instance {InstanceId} failed; the leftover rows are ignored by readers and removed by the next purge.")]
    public static partial void CleanupFailed(this ILogger logger, Exception exception, string operation, string instanceId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Could not take {Kind} {Id}; it stays available to other workers.")]
    public static partial void TakeFailed(this ILogger logger, Exception exception, string kind, string id);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "The step of instance {InstanceId} failed to commit; its lock is released so the step is retried.")]
    public static partial void CommitFailed(this ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "A malformed message in queue {Queue} was deleted: '{Text}'.")]
    public static partial void MalformedQueueMessage(this ILogger logger, string queue, string text);
}
