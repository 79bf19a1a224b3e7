namespace DocPipeline.Pipeline;

/// <summary>
/// An exception that carries machine-readable facts about a failure (<c>stage</c>, <c>kind</c>, <c>reason</c>, …).
/// <see cref="PipelineExceptionProperties"/> copies them into the durable failure details, where the orchestrator and
/// clients read them back.
/// </summary>
public interface IPipelineFailure
{
    /// <summary>The facts; null when there are none.</summary>
    IReadOnlyDictionary<string, string>? FailureProperties { get; }
}
