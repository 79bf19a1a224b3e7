namespace DocPipeline.Durable;

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances, ordered by instance id.</param>
/// <param name="ContinuationToken">Where the next page starts; null on the last page.</param>
public sealed record InstancePage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
