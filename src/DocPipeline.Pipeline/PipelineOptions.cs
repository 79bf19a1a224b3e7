using System.ComponentModel.DataAnnotations;

namespace DocPipeline.Pipeline;

/// <summary>Pipeline settings, bound from the <c>Pipeline</c> section (host.json <c>pipeline</c>, local settings, environment).</summary>
public sealed class PipelineOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Pipeline";

    /// <summary>The model tried first. Default <c>gemini-2.5-pro</c>.</summary>
    [Required]
    public string PrimaryModel { get; set; } = "gemini-2.5-pro";

    /// <summary>The model tried when the primary is rate-limited, blocked or keeps failing. Default <c>gemini-2.5-flash</c>.</summary>
    public string? FallbackModel { get; set; } = "gemini-2.5-flash";

    /// <summary>Whether the offline analyzer is the last resort when every model failed. Default true.</summary>
    public bool AllowOfflineFallback { get; set; } = true;

    /// <summary>Estimated tokens per chunk sent to a model. Default 6,000.</summary>
    [Range(200, 500_000)]
    public int MaxChunkTokens { get; set; } = 6_000;

    /// <summary>The most chunks one document may produce. Default 200.</summary>
    [Range(1, 10_000)]
    public int MaxChunks { get; set; } = 200;

    /// <summary>Attempts per model for transient errors (429, 5xx, timeouts). Default 4.</summary>
    [Range(1, 20)]
    public int MaxAttemptsPerModel { get; set; } = 4;

    /// <summary>First backoff when the service gives no retry delay. Default 2 s.</summary>
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Backoff multiplier. Default 2.</summary>
    [Range(1.0, 10.0)]
    public double BackoffCoefficient { get; set; } = 2.0;

    /// <summary>Longest single backoff. Default 60 s.</summary>
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A 429 asking to wait longer than this is treated as exhausted quota: fall back at once. Default 2 min.</summary>
    public TimeSpan QuotaExhaustedThreshold { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Largest accepted document. Default 50 MiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxDocumentBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Most PDF pages. Default 2,000.</summary>
    [Range(1, 100_000)]
    public int MaxPages { get; set; } = 2_000;

    /// <summary>Largest total uncompressed size of a DOCX (zip bomb guard). Default 200 MiB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUncompressedBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Where results are written in embedded mode. Default <c>results</c>.</summary>
    public string ResultsPath { get; set; } = "results";

    /// <summary>Temperature for analysis requests. Default 0.2.</summary>
    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.2;

    /// <summary>Output token budget per chunk request. Default 4,096.</summary>
    [Range(64, 65_536)]
    public int MaxOutputTokens { get; set; } = 4_096;

    /// <summary>Attempts to deliver a result to a callback URL. Default 5.</summary>
    [Range(1, 20)]
    public int CallbackAttempts { get; set; } = 5;
}
