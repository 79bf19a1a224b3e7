using DocPipeline.Documents.Analysis;

namespace DocPipeline.Pipeline.Contracts;

/// <summary>Input of Validate: the chunk answers to combine and check against the whole redacted text.</summary>
public sealed record ValidateInput(string InstanceId, string SanitizedKey, IReadOnlyList<DocumentAnalysis> ChunkAnalyses);

/// <summary>Output of Validate.</summary>
public sealed record ValidateOutput(bool Valid, DocumentAnalysis Combined, IReadOnlyList<string> Findings);
