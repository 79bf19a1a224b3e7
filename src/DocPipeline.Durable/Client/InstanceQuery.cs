namespace DocPipeline.Durable;

/// <summary>A filter over instances, with paging.</summary>
public sealed record InstanceQuery
{
    /// <summary>Only instances created at or after this time.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created at or before this time.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only instances in one of these statuses (all when null or empty).</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instance ids starting with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Page size (1–1000, default 100).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page ended.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to load inputs and outputs.</summary>
    public bool FetchInputsAndOutputs { get; init; }
}
