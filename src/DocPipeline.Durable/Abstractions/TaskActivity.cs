namespace DocPipeline.Durable;

/// <summary>
/// Base class for activities: plain async code taking a record input and a cancellation token, resolved from
/// dependency injection for each call. Activities run at least once: make them idempotent.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <summary>Facts about the current call, set before <see cref="RunAsync(TInput, CancellationToken)"/> runs.</summary>
    protected TaskActivityContext Context { get; private set; } = null!;

    Type ITaskActivity.InputType => typeof(TInput);

    /// <summary>Runs the activity.</summary>
    /// <param name="input">The input.</param>
    /// <param name="cancellationToken">Signals shutdown.</param>
    public abstract Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken)
    {
        Context = context;
        return await RunAsync((TInput)input!, cancellationToken).ConfigureAwait(false);
    }
}
