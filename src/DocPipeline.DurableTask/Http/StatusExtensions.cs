using Microsoft.DurableTask.Client;

namespace DocPipeline.DurableTask.Http;

/// <summary>Groups runtime statuses the way the management API answers.</summary>
public static class StatusExtensions
{
    // ContinuedAsNew and Canceled are obsolete in the SDK but still reported by DTFx backends and part of the Durable
    // Functions API, so they must be recognised.
#pragma warning disable CS0618

    /// <summary>Completed, Failed, Terminated and Canceled: the instance will not run again by itself.</summary>
    /// <summary>Whether the instance has finished: completed, failed, terminated or canceled.</summary>
    /// <param name="status">The status.</param>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) => status is
        OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or
        OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    /// <summary>Pending, Running, ContinuedAsNew and Suspended.</summary>
    /// <summary>Whether the instance may still take a step: pending, running, continued as new or suspended.</summary>
    /// <param name="status">The status.</param>
    public static bool IsActive(this OrchestrationRuntimeStatus status) => status is
        OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or
        OrchestrationRuntimeStatus.ContinuedAsNew or OrchestrationRuntimeStatus.Suspended;
#pragma warning restore CS0618
}
