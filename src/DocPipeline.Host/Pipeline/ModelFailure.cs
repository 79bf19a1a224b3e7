using System.Globalization;
using DocPipeline.Durable;
using DocPipeline.Host.Pipeline.Contracts;

namespace DocPipeline.Host.Pipeline;

/// <summary>What to do after a failed model call.</summary>
public enum ModelFailureAction
{
    /// <summary>Wait (durably) and call the same model again.</summary>
    Retry,

    /// <summary>Give up on this model and try the next one.</summary>
    Fallback,

    /// <summary>Split the chunk and analyze the halves.</summary>
    Split,

    /// <summary>Fail the document: no model can fix this.</summary>
    Fail,
}

/// <summary>A failed AnalyzeChunk call, read back from its durable failure details.</summary>
/// <param name="Kind">The model error kind (RateLimited, Transient, Safety, …) or "Unexpected".</param>
/// <param name="Message">What the service or activity said.</param>
/// <param name="RetryAfter">The delay the service asked for.</param>
public sealed record ModelFailure(string Kind, string Message, TimeSpan? RetryAfter)
{
    /// <summary>Reads the failure of an activity call.</summary>
    public static ModelFailure From(TaskFailureDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);

        // The activity's own exception carries the facts; the exception it wraps (the client's) carries none.
        var inner = details;
        for (var failure = details; failure is not null; failure = failure.InnerFailure)
        {
            if (failure.Properties?.ContainsKey("kind") == true)
            {
                inner = failure;
                break;
            }
        }

        var properties = inner.Properties;
        var kind = properties is not null && properties.TryGetValue("kind", out var k) ? k : "Unexpected";
        TimeSpan? retryAfter = properties is not null && properties.TryGetValue("retryAfterSeconds", out var s) &&
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
        return new ModelFailure(kind, inner.ErrorMessage, retryAfter);
    }

    /// <summary>Chooses the next move for attempt number <paramref name="attempt"/> on the current model.</summary>
    public ModelFailureAction Decide(PipelinePlan plan, int attempt, int depth)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var retriesLeft = attempt < plan.MaxAttemptsPerModel;
        return Kind switch
        {
            "RateLimited" when IsQuotaExhausted(plan) => ModelFailureAction.Fallback,
            "RateLimited" or "Transient" => retriesLeft ? ModelFailureAction.Retry : ModelFailureAction.Fallback,
            "InputTooLong" => depth < plan.MaxSplitDepth ? ModelFailureAction.Split : ModelFailureAction.Fallback,
            "InvalidRequest" or "Unauthorized" => ModelFailureAction.Fail,
            "Unexpected" => retriesLeft ? ModelFailureAction.Retry : ModelFailureAction.Fail,
            _ => ModelFailureAction.Fallback,
        };
    }

    /// <summary>A one-line reason for the fallback path.</summary>
    public string Describe(int attempts) => Kind switch
    {
        "RateLimited" or "Transient" => string.Create(CultureInfo.InvariantCulture, $"{Kind} after {attempts} attempt(s): {Message}"),
        _ => $"{Kind}: {Message}",
    };

    private bool IsQuotaExhausted(PipelinePlan plan) =>
        (RetryAfter is { } wait && wait > plan.QuotaExhaustedThreshold) ||
        Message.Contains("per day", StringComparison.OrdinalIgnoreCase) ||
        Message.Contains("PerDay", StringComparison.Ordinal);
}
