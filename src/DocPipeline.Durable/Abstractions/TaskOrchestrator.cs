namespace DocPipeline.Durable;

/// <summary>Base class for orchestrators. The registered name defaults to the class name.</summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <summary>Runs the orchestration.</summary>
    /// <param name="context">The replay-safe context.</param>
    /// <param name="input">The input.</param>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context)
    {
        var input = context.GetInput<TInput>();
        return await RunAsync(context, input!);
    }
}
