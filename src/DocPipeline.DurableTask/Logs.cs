using Microsoft.Extensions.Logging;

namespace DocPipeline.DurableTask;

/// <summary>The engine host's log messages.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Durable Task worker started on {Backend}: {Orchestrators} orchestrator(s), {Activities} activity(ies)")]
    public static partial void WorkerStarted(this ILogger logger, string backend, int orchestrators, int activities);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Durable Task client ready on {Backend} (no worker in this process)")]
    public static partial void ClientOnly(this ILogger logger, string backend);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Durable Task worker stopped")]
    public static partial void WorkerStopped(this ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Durable Task worker did not stop gracefully in time; stopping it forcibly")]
    public static partial void WorkerStopForced(this ILogger logger);
}
