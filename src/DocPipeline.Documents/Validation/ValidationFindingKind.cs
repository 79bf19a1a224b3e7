namespace DocPipeline.Documents.Validation;

/// <summary>What kind of check a <see cref="ValidationFinding"/> comes from.</summary>
public enum ValidationFindingKind
{
    /// <summary>The response is not JSON (or is empty or too large).</summary>
    Parse,

    /// <summary>The JSON does not satisfy the analysis schema.</summary>
    Schema,

    /// <summary>A quote, number or date is not supported by the source text.</summary>
    Grounding,
}
