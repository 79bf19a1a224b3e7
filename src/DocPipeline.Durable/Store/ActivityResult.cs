using DocPipeline.Durable.History;

namespace DocPipeline.Durable.Store;

/// <summary>The outcome of an activity call, to be delivered to its instance.</summary>
/// <param name="WorkItem">The work item.</param>
/// <param name="Result">A TaskCompleted or TaskFailed event.</param>
/// <param name="Poisoned">True when the item is failed because it kept crashing its worker; the store keeps a copy.</param>
public sealed record ActivityResult(ActivityWorkItem WorkItem, HistoryEvent Result, bool Poisoned = false);
