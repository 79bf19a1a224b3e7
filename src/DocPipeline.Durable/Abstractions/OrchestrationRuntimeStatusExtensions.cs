namespace DocPipeline.Durable;

/// <summary>Helpers for <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>Whether the status is final: the instance will not run again unless restarted or rewound.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) => status is
        OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    /// <summary>Whether the instance is still in flight (pending, running, continued-as-new or suspended).</summary>
    public static bool IsActive(this OrchestrationRuntimeStatus status) => status is
        OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or
        OrchestrationRuntimeStatus.ContinuedAsNew or OrchestrationRuntimeStatus.Suspended;
}
