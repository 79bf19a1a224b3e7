namespace DocPipeline.Pipeline.Contracts;

/// <summary>Input of Sanitize.</summary>
public sealed record SanitizeInput(string InstanceId, string TextKey, string? PagesKey);

/// <summary>Output of Sanitize: the redacted text, its chunks and redaction counts (never the values).</summary>
public sealed record SanitizeOutput(string SanitizedKey, int CharCount, IReadOnlyDictionary<string, int> RedactionCounts, IReadOnlyList<ChunkRef> Chunks);

/// <summary>A stored chunk of redacted text.</summary>
/// <param name="Id">"3" for the fourth chunk, "3.1" for the second half of it after a re-split.</param>
/// <param name="Key">The artifact key.</param>
/// <param name="EstimatedTokens">The estimated size.</param>
public sealed record ChunkRef(string Id, string Key, int EstimatedTokens);
