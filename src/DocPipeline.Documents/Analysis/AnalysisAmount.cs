using System.Text.Json.Serialization;

namespace DocPipeline.Documents.Analysis;

/// <summary>A monetary amount mentioned in the document.</summary>
/// <param name="Text">The amount exactly as written, e.g. <c>€1.234,50</c>.</param>
/// <param name="Value">The numeric value of <paramref name="Text"/>.</param>
/// <param name="Currency">ISO 4217 code such as <c>EUR</c>, or <see langword="null"/> when not stated.</param>
public sealed record AnalysisAmount(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("value")] decimal Value,
    [property: JsonPropertyName("currency")] string? Currency);
