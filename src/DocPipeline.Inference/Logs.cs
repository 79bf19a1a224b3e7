using Microsoft.Extensions.Logging;

namespace DocPipeline.Inference;

/// <summary>Log messages of this library. Prompt text, keys and tokens are never logged.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Model {Model} answered in {ElapsedMs} ms ({PromptTokens} prompt, {OutputTokens} output tokens, {CostUsd} USD)")]
    public static partial void ModelCallSucceeded(ILogger logger, string model, long elapsedMs, int promptTokens, int outputTokens, decimal costUsd);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Model {Model} call failed: {Kind} (HTTP {HttpStatus})")]
    public static partial void ModelCallFailed(ILogger logger, string model, ModelErrorKind kind, int? httpStatus);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Model {Model} is rate limited; pausing it for {RetryAfter}")]
    public static partial void ModelPaused(ILogger logger, string model, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Debug, Message = "Model {Model} answer read from the response store ({Key})")]
    public static partial void CacheHit(ILogger logger, string model, string key);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "Stored response {Key} is unreadable; calling the model again")]
    public static partial void CacheEntryUnreadable(ILogger logger, string key);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Error, Message = "Could not save response {Key}; a re-run will call the model again")]
    public static partial void CacheSaveFailed(ILogger logger, string key, Exception exception);
}
