using DocPipeline.Documents.Analysis;

namespace DocPipeline.Pipeline.Contracts;

/// <summary>Everything the result file records.</summary>
public sealed record DocumentResult
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Facts about the document.</summary>
    public required DocumentFacts Document { get; init; }

    /// <summary>The analysis.</summary>
    public required DocumentAnalysis Result { get; init; }

    /// <summary>Every model that produced a part of the result.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    /// <summary>Which model produced each chunk, and the fallbacks on the way.</summary>
    public required IReadOnlyList<ChunkProvenance> Chunks { get; init; }

    /// <summary>The validation outcome.</summary>
    public required ValidationOutcome Validation { get; init; }

    /// <summary>Tokens and cost, in total and per model.</summary>
    public required UsageReport Usage { get; init; }

    /// <summary>How many values of each PII type were redacted.</summary>
    public required IReadOnlyDictionary<string, int> Redactions { get; init; }

    /// <summary>Milliseconds spent per stage.</summary>
    public required IReadOnlyDictionary<string, long> TimingsMs { get; init; }

    /// <summary>When the pipeline finished (UTC).</summary>
    public required DateTime CompletedAt { get; init; }
}

/// <summary>Facts about the source document.</summary>
public sealed record DocumentFacts(
    string Source,
    string ContentHash,
    string Kind,
    string MediaType,
    long ByteSize,
    int? Pages,
    int Characters,
    string? Title,
    string? Author,
    string Trigger,
    DateTime ReceivedAt,
    IReadOnlyList<string> Warnings);

/// <summary>Which model produced a chunk's part of the result, and why earlier models were passed over.</summary>
public sealed record ChunkProvenance(string Chunk, string Model, bool FromCache, bool Repaired, IReadOnlyList<FallbackStep> Fallbacks);

/// <summary>One step down the model chain.</summary>
/// <param name="Model">The model that was given up on.</param>
/// <param name="Reason">Why.</param>
public sealed record FallbackStep(string Model, string Reason);

/// <summary>The validation outcome.</summary>
public sealed record ValidationOutcome(bool Valid, IReadOnlyList<string> Findings);

/// <summary>Usage totals and per model.</summary>
public sealed record UsageReport(TokenUsage Total, IReadOnlyDictionary<string, TokenUsage> ByModel);

/// <summary>Input of StoreResult.</summary>
public sealed record StoreResultInput(DocumentResult Result);

/// <summary>Input of NotifyCallback.</summary>
public sealed record NotifyCallbackInput(string InstanceId, string CallbackUrl, string ResultPath, bool Valid);
