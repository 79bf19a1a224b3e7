using System.Text.Json.Serialization;

namespace DocPipeline.Documents.Analysis;

/// <summary>A named thing in the document.</summary>
/// <param name="Type">One of <see cref="EntityTypes"/>.</param>
/// <param name="Text">The name as written in the document (a placeholder such as <c>[EMAIL_1]</c> for redacted values).</param>
public sealed record AnalysisEntity(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text);
