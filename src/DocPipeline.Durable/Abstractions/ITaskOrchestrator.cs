namespace DocPipeline.Durable;

/// <summary>The untyped shape of an orchestrator, as the runtime calls it.</summary>
public interface ITaskOrchestrator
{
    /// <summary>Runs the orchestration and returns its output.</summary>
    /// <param name="context">The replay-safe context.</param>
    Task<object?> RunAsync(TaskOrchestrationContext context);
}
