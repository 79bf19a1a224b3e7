using System.Globalization;
using DocPipeline.Pipeline.Contracts;
using Microsoft.DurableTask;

namespace DocPipeline.Pipeline;

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
    /// <remarks>
    /// The facts come from the failure properties where the runtime carried them, otherwise from the
    /// <see cref="Models.ModelFailureFacts"/> inner failure, which every runtime carries by type name and message.
    /// A failure with neither (a bug, a missing artifact) is <c>Unexpected</c>.
    /// </remarks>
    public static ModelFailure From(TaskFailureDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        for (var failure = details; failure is not null; failure = failure.InnerFailure)
        {
            var properties = TaskFailures.Properties(failure);
            if (properties.ContainsKey("kind"))
            {
                return Create(properties, failure.ErrorMessage);
            }

            if (failure.InnerFailure is { } inner && string.Equals(inner.ErrorType, typeof(Models.ModelFailureFacts).FullName, StringComparison.Ordinal))
            {
                var facts = Models.ModelFailureFacts.Parse(inner.ErrorMessage);
                if (facts.ContainsKey("kind"))
                {
                    return Create(facts, failure.ErrorMessage);
                }
            }
        }

        // The activity's own exception says what went wrong; the wrappers around it say nothing more.
        var innermost = details;
        while (innermost.InnerFailure is not null && string.IsNullOrEmpty(innermost.ErrorMessage))
        {
            innermost = innermost.InnerFailure;
        }

        return new ModelFailure("Unexpected", innermost.ErrorMessage, null);
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

    private static ModelFailure Create(IReadOnlyDictionary<string, string> facts, string message)
    {
        TimeSpan? retryAfter = facts.TryGetValue("retryAfterSeconds", out var s) &&
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
        return new ModelFailure(facts["kind"], message, retryAfter);
    }

    private bool IsQuotaExhausted(PipelinePlan plan) =>
        (RetryAfter is { } wait && wait > plan.QuotaExhaustedThreshold) ||
        Message.Contains("per day", StringComparison.OrdinalIgnoreCase) ||
        Message.Contains("PerDay", StringComparison.Ordinal);
}
