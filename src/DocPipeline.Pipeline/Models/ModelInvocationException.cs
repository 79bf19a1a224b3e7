using DocPipeline.Inference;

namespace DocPipeline.Pipeline.Models;

/// <summary>
/// A model call failed. The orchestrator decides itself (from <c>kind</c> and <c>retryAfterSeconds</c>) whether to
/// wait and retry, re-chunk or fall back, so the activity is never retried by a policy. The facts travel twice:
/// as failure properties (where the runtime carries them) and as the inner failure <see cref="ModelFailureFacts"/>,
/// whose type name and message every runtime carries.
/// </summary>
public sealed class ModelInvocationException : Exception, IPipelineFailure
{
    /// <summary>Creates the exception from the client's.</summary>
    /// <param name="inner">The model client's failure.</param>
    public ModelInvocationException(ModelCallException inner)
        : this(inner.GetFailureProperties(), inner?.Message ?? string.Empty)
    {
    }

    private ModelInvocationException(IReadOnlyDictionary<string, string> properties, string message)
        : base(message, new ModelFailureFacts(properties))
    {
        FailureProperties = properties;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? FailureProperties { get; }
}
