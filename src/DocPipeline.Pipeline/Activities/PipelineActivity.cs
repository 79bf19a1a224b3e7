using Microsoft.DurableTask;

namespace DocPipeline.Pipeline.Activities;

/// <summary>
/// A pipeline activity: a record in, a record out, and a cancellation token for its I/O. The Durable Task SDK passes
/// activities no token, so a run through the SDK gets <see cref="CancellationToken.None"/>; other callers pass theirs.
/// </summary>
/// <typeparam name="TInput">The input record.</typeparam>
/// <typeparam name="TOutput">The output.</typeparam>
public abstract class PipelineActivity<TInput, TOutput> : TaskActivity<TInput, TOutput>
{
    /// <inheritdoc />
    public sealed override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => RunAsync(input, CancellationToken.None);

    /// <summary>Runs the activity.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Cancels the activity's I/O.</param>
    public abstract Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
