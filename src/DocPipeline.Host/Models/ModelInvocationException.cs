using DocPipeline.Durable;
using DocPipeline.Inference;

namespace DocPipeline.Host.Models;

/// <summary>
/// A model call failed. Marked non-retriable because the orchestrator decides itself (from <c>kind</c> and
/// <c>retryAfterSeconds</c> in the failure properties) whether to wait and retry, re-chunk or fall back.
/// </summary>
public sealed class ModelInvocationException(ModelCallException inner)
    : Exception(inner.Message, inner), INonRetriableException, IFailureProperties
{
    /// <inheritdoc />
    public bool IsNonRetriable => true;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string>? FailureProperties { get; } = inner.GetFailureProperties();
}
