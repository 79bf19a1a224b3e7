namespace DocPipeline.Inference;

/// <summary>Classification of a failed model call; decides between retrying, re-chunking and falling back.</summary>
public enum ModelErrorKind
{
    /// <summary>HTTP 429 / RESOURCE_EXHAUSTED. Transient; honour <see cref="ModelCallException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>HTTP 5xx, 408, timeouts and connection failures. Transient.</summary>
    Transient,

    /// <summary>The input exceeds the model's token or payload limit. Permanent: split the input smaller.</summary>
    InputTooLong,

    /// <summary>Any other rejected request (HTTP 400 INVALID_ARGUMENT or FAILED_PRECONDITION, other 4xx). Permanent.</summary>
    InvalidRequest,

    /// <summary>HTTP 401/403 or missing credentials. Permanent configuration error.</summary>
    Unauthorized,

    /// <summary>HTTP 404: the model id does not exist or was retired. Permanent.</summary>
    ModelNotFound,

    /// <summary>The prompt was blocked (no candidates, <c>promptFeedback.blockReason</c> set). Permanent for this input.</summary>
    Blocked,

    /// <summary>The answer was stopped by safety, block list, prohibited content, SPII or recitation filters.</summary>
    Safety,

    /// <summary>The answer hit the output token limit (finish reason MAX_TOKENS).</summary>
    MaxTokens,

    /// <summary>The answer stopped for another or unknown reason (OTHER, LANGUAGE, MALFORMED_FUNCTION_CALL, new values).</summary>
    Incomplete,

    /// <summary>The service answered with a body that could not be understood.</summary>
    MalformedResponse,
}
