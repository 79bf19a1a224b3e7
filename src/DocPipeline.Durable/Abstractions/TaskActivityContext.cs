namespace DocPipeline.Durable;

/// <summary>Facts about the current activity call.</summary>
/// <param name="Name">The activity name.</param>
/// <param name="InstanceId">The calling orchestration instance.</param>
/// <param name="TaskId">The call's sequence number in the instance's history.</param>
/// <param name="Attempt">How many times this work item has been handed to a worker (1 on the first delivery).</param>
public sealed record TaskActivityContext(string Name, string InstanceId, int TaskId, int Attempt);
