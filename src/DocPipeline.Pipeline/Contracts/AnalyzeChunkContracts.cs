using DocPipeline.Documents.Analysis;

namespace DocPipeline.Pipeline.Contracts;

/// <summary>Input of AnalyzeChunk: one chunk on one model.</summary>
public sealed record AnalyzeChunkInput(string InstanceId, ChunkRef Chunk, string Model);

/// <summary>Output of AnalyzeChunk.</summary>
/// <param name="Valid">Whether the answer passed schema and grounding checks (after at most one repair).</param>
/// <param name="Model">The model that answered.</param>
/// <param name="Analysis">The parsed answer, when valid.</param>
/// <param name="Usage">Tokens billed (zero for cached answers).</param>
/// <param name="FromCache">Whether every model answer came from the response cache (nothing paid this time).</param>
/// <param name="Repaired">Whether a repair request was needed.</param>
/// <param name="Findings">The validator's findings when not valid.</param>
public sealed record AnalyzeChunkOutput(
    bool Valid,
    string Model,
    DocumentAnalysis? Analysis,
    TokenUsage Usage,
    bool FromCache,
    bool Repaired,
    IReadOnlyList<string> Findings);

/// <summary>Tokens and cost of model calls.</summary>
public sealed record TokenUsage(long PromptTokens, long OutputTokens, long TotalTokens, decimal CostUsd)
{
    /// <summary>No usage.</summary>
    public static TokenUsage Zero { get; } = new(0, 0, 0, 0m);

    /// <summary>The sum of two usages.</summary>
    public TokenUsage Add(TokenUsage other) =>
        new(PromptTokens + other.PromptTokens, OutputTokens + other.OutputTokens, TotalTokens + other.TotalTokens, CostUsd + other.CostUsd);
}

/// <summary>Input of SplitChunk: a chunk the model said was too long.</summary>
public sealed record SplitChunkInput(string InstanceId, ChunkRef Chunk);
