using System.Text.Json.Serialization;

namespace DocPipeline.Documents.Analysis;

/// <summary>A date mentioned in the document.</summary>
/// <param name="Text">The date exactly as written, e.g. <c>15 March 2024</c>.</param>
/// <param name="Iso">ISO 8601 form (<c>yyyy-MM-dd</c> or <c>yyyy-MM</c>), or <see langword="null"/> when ambiguous.</param>
public sealed record AnalysisDate(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("iso")] string? Iso);
