namespace DocPipeline.Durable;

/// <summary>
/// Implemented by exceptions that know whether retrying can help. An activity that throws one with
/// <see cref="IsNonRetriable"/> set fails its call permanently: retry policies do not retry it.
/// </summary>
public interface INonRetriableException
{
    /// <summary>Whether the failure is permanent.</summary>
    bool IsNonRetriable { get; }
}
