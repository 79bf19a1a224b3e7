namespace DocPipeline.Durable.History;

/// <summary>An event on its way to an orchestration instance.</summary>
/// <param name="InstanceId">The target instance.</param>
/// <param name="ExecutionId">The target execution; null to accept whatever execution is current.</param>
/// <param name="Event">The event.</param>
/// <param name="VisibleAt">When the message may be delivered (timers use this); null for at once.</param>
public sealed record OrchestrationMessage(string InstanceId, string? ExecutionId, HistoryEvent Event, DateTime? VisibleAt = null);
