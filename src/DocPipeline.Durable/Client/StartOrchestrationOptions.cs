namespace DocPipeline.Durable;

/// <summary>Options for starting an orchestration.</summary>
/// <param name="InstanceId">The instance id; a new GUID (without dashes) when null.</param>
/// <param name="StartAt">When to start; at once when null.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>
    /// Statuses of an existing instance with the same id that block the start. Default: the active statuses
    /// (pending, running, continued-as-new, suspended): a finished instance may be started again.
    /// </summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus> DedupeStatuses { get; init; } =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.ContinuedAsNew, OrchestrationRuntimeStatus.Suspended];
}
