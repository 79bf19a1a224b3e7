namespace DocPipeline.Durable;

/// <summary>Options for a sub-orchestration call.</summary>
/// <param name="Retry">The retry policy, if any.</param>
/// <param name="InstanceId">The child's instance id; derived from the parent's id and the call's sequence number if null.</param>
public sealed record SubOrchestrationOptions(RetryPolicy? Retry = null, string? InstanceId = null) : TaskOptions(Retry);
