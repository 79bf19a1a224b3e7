namespace DocPipeline.Durable.Store;

/// <summary>An activity call to run.</summary>
/// <param name="InstanceId">The calling instance.</param>
/// <param name="ExecutionId">The calling execution.</param>
/// <param name="TaskId">The call's sequence number.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Input">The serialized input.</param>
public sealed record ActivityRequest(string InstanceId, string ExecutionId, int TaskId, string Name, string? Input);
