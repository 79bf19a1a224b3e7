namespace DocPipeline.Durable.History;

/// <summary>Where a sub-orchestration reports its result.</summary>
/// <param name="InstanceId">The parent instance id.</param>
/// <param name="ExecutionId">The parent execution id.</param>
/// <param name="TaskScheduledId">The sequence number of the call in the parent's history.</param>
/// <param name="Name">The parent orchestrator name.</param>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskScheduledId, string Name);
