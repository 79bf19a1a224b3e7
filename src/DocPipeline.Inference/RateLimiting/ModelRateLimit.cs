namespace DocPipeline.Inference.RateLimiting;

/// <summary>Per-minute budgets for one model; a null budget is unlimited.</summary>
public sealed record ModelRateLimit
{
    /// <summary>Requests allowed in any 60-second window.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Estimated input tokens allowed in any 60-second window.</summary>
    public int? TokensPerMinute { get; init; }
}
