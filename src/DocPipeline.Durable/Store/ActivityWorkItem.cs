namespace DocPipeline.Durable.Store;

/// <summary>An activity call locked by a worker.</summary>
/// <param name="Id">The store's id for the work item.</param>
/// <param name="Request">The call.</param>
/// <param name="DequeueCount">How many times the item has been handed to a worker, this time included.</param>
/// <param name="LockedUntil">When the lock expires.</param>
public sealed record ActivityWorkItem(string Id, ActivityRequest Request, int DequeueCount, DateTime LockedUntil);
