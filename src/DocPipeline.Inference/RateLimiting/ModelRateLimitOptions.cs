namespace DocPipeline.Inference.RateLimiting;

/// <summary>
/// Rate budgets bound from <see cref="SectionName"/>, for example
/// <c>Pipeline:Models:RateLimits:gemini-2.5-flash:RequestsPerMinute = 60</c>.
/// </summary>
public sealed class ModelRateLimitOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Pipeline:Models";

    /// <summary>Budgets by model id (case-insensitive).</summary>
    public Dictionary<string, ModelRateLimit> RateLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Budget for models not listed in <see cref="RateLimits"/>; unlimited when null.</summary>
    public ModelRateLimit? DefaultRateLimit { get; set; }

    /// <summary>How long to pause a model after a 429 that named no retry delay. Default 10 seconds.</summary>
    public TimeSpan RateLimitedPause { get; set; } = TimeSpan.FromSeconds(10);
}
