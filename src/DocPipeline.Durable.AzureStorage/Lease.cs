namespace DocPipeline.Durable.AzureStorage;

/// <summary>A lock this process granted.</summary>
/// <param name="WorkerId">The worker holding it.</param>
/// <param name="Until">When it expires (store clock).</param>
/// <param name="Receipt">The queue message that backs it, if this process holds one.</param>
internal sealed record Lease(string WorkerId, DateTime Until, QueueReceipt? Receipt);
