namespace DocPipeline.Durable;

/// <summary>Which instances a bulk purge deletes.</summary>
/// <param name="CreatedFrom">Only instances created at or after this time.</param>
/// <param name="CreatedTo">Only instances created at or before this time.</param>
/// <param name="Statuses">Only instances in these statuses; all terminal statuses when null or empty.</param>
public sealed record PurgeFilter(DateTime CreatedFrom, DateTime? CreatedTo = null, IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null);
