using Microsoft.Extensions.Logging;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>Log messages of the SQLite provider.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SQLite Durable Task worker started on {Path}: {Messages} orchestration messages and {Tasks} activity messages pending")]
    public static partial void WorkerStarted(this ILogger logger, string path, int messages, int tasks);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Discarded {Count} message(s) for instance {InstanceId}: {Reason}")]
    public static partial void MessagesDiscarded(this ILogger logger, string instanceId, int count, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Poison message(s) for instance {InstanceId} after {Deliveries} deliveries: {Reason}")]
    public static partial void PoisonMessage(this ILogger logger, string instanceId, int deliveries, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "A stored message (id {MessageId}, instance {InstanceId}) cannot be read and was moved to poison_messages")]
    public static partial void UnreadableMessage(this ILogger logger, long messageId, string instanceId, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Looking for work written by other processes failed; trying again")]
    public static partial void PollFailed(this ILogger logger, Exception exception);
}
