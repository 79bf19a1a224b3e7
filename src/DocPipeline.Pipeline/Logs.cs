namespace DocPipeline.Pipeline;

/// <summary>The pipeline's log messages (event ids 300–399). None carries document text, keys or connection strings.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Could not read the trace context of {InstanceId}")]
    public static partial void TraceContextUnavailable(this ILogger logger, string instanceId, Exception exception);
}
