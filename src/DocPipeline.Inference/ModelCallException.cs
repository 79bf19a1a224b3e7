using System.Globalization;

namespace DocPipeline.Inference;

/// <summary>
/// The single exception type for failed model calls. It never carries API keys, access tokens or prompt text.
/// </summary>
public sealed class ModelCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="kind">The classification.</param>
    /// <param name="model">The model id that was called.</param>
    /// <param name="message">A message free of secrets and prompt text.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ModelCallException(ModelErrorKind kind, string model, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Model = model;
    }

    /// <summary>The classification.</summary>
    public ModelErrorKind Kind { get; }

    /// <summary>The model id that was called.</summary>
    public string Model { get; }

    /// <summary>Whether retrying the same call later may succeed (rate limits and transient faults).</summary>
    public bool IsTransient => Kind is ModelErrorKind.RateLimited or ModelErrorKind.Transient;

    /// <summary>The HTTP status code, when an HTTP response was received.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The Google RPC status name from the error body, for example <c>RESOURCE_EXHAUSTED</c>.</summary>
    public string? Status { get; init; }

    /// <summary>The service's error message, shortened; null when the service sent none.</summary>
    public string? ServerMessage { get; init; }

    /// <summary>How long the service asked callers to wait, from <c>RetryInfo.retryDelay</c> or the Retry-After header.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The finish reason or prompt block reason as the service sent it, for Blocked, Safety, MaxTokens and Incomplete.</summary>
    public string? Reason { get; init; }

    /// <summary>Tokens the failed call consumed (and was billed for), when the service reported them.</summary>
    public ModelUsage? Usage { get; init; }

    /// <summary>Machine-readable facts about the failure, suitable for durable failure details.</summary>
    /// <returns>Keys <c>kind</c>, <c>model</c>, <c>transient</c> and, when known, <c>httpStatus</c>, <c>status</c>, <c>retryAfterSeconds</c>, <c>reason</c>.</returns>
    public IReadOnlyDictionary<string, string> GetFailureProperties()
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = Kind.ToString(),
            ["model"] = Model,
            ["transient"] = IsTransient ? "true" : "false",
        };
        if (HttpStatus is { } httpStatus)
        {
            properties["httpStatus"] = httpStatus.ToString(CultureInfo.InvariantCulture);
        }

        if (Status is not null)
        {
            properties["status"] = Status;
        }

        if (RetryAfter is { } retryAfter)
        {
            properties["retryAfterSeconds"] = retryAfter.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        }

        if (Reason is not null)
        {
            properties["reason"] = Reason;
        }

        return properties;
    }
}
