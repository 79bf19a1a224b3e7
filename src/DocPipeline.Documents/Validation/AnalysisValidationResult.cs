using DocPipeline.Documents.Analysis;

namespace DocPipeline.Documents.Validation;

/// <summary>The outcome of <see cref="AnalysisValidator.Validate(string, string)"/>.</summary>
public sealed record AnalysisValidationResult
{
    /// <summary><see langword="true"/> when there are no findings.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The parsed analysis when the response could be read as one, even if it has findings; otherwise <see langword="null"/>.</summary>
    public DocumentAnalysis? Analysis { get; init; }

    /// <summary>Every problem found, parse and schema findings first, then grounding.</summary>
    public IReadOnlyList<ValidationFinding> Errors { get; init; } = [];
}
