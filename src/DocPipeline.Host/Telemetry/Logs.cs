namespace DocPipeline.Host.Telemetry;

/// <summary>
/// The app's log messages. None carries an API key, a connection string or document text: requests are logged by
/// method and path only, documents by instance id and size.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Listening on {Urls}; store: {Store}; API keys: {KeyCount}")]
    public static partial void ServeStarted(this ILogger logger, string urls, string store, int keyCount);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "No API key is configured: only loopback clients can reach this host, and every request is accepted")]
    public static partial void ServeWithoutKeys(this ILogger logger);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Upload {InstanceId}: {Outcome} ({Bytes} bytes, {Kind})")]
    public static partial void UploadAccepted(this ILogger logger, string instanceId, string outcome, long bytes, string kind);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Upload refused with {StatusCode}: {Reason}")]
    public static partial void UploadRefused(this ILogger logger, int statusCode, string reason);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "{Method} {Path} refused: API key {Problem}")]
    public static partial void ApiKeyRejected(this ILogger logger, string method, string path, string problem);

    [LoggerMessage(EventId = 130, Level = LogLevel.Information, Message = "Telemetry export: {Exporters}")]
    public static partial void TelemetryExporters(this ILogger logger, string exporters);

    [LoggerMessage(EventId = 131, Level = LogLevel.Warning, Message = "Could not sample the queue depth from the store")]
    public static partial void QueueDepthSampleFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 132, Level = LogLevel.Debug, Message = "Could not read the trace context of {InstanceId}")]
    public static partial void TraceContextUnavailable(this ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 140, Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    public static partial void UnhandledRequestError(this ILogger logger, string method, string path, Exception exception);
}
