using System.Text.Json.Serialization;

namespace DocPipeline.Documents.Analysis;

/// <summary>
/// The structured result of analysing a document (or one chunk of it). Property names are fixed camelCase so the
/// JSON is the same under any serializer options; <see cref="AnalysisSchema"/> describes it and
/// <see cref="Validation.AnalysisValidator"/> checks it.
/// </summary>
public sealed record DocumentAnalysis
{
    /// <summary>A short summary in the language of the document.</summary>
    [JsonPropertyName("summary")]
    public string Summary { get; init; } = string.Empty;

    /// <summary>One of <see cref="DocumentTypes"/>.</summary>
    [JsonPropertyName("documentType")]
    public string DocumentType { get; init; } = DocumentTypes.Other;

    /// <summary>ISO 639-1 code of the main language (<c>en</c>, <c>de</c>, …) or <c>und</c> when undetermined.</summary>
    [JsonPropertyName("language")]
    public string Language { get; init; } = LanguageCodes.Undetermined;

    /// <summary>Key terms, most important first.</summary>
    [JsonPropertyName("keywords")]
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Named things mentioned in the document.</summary>
    [JsonPropertyName("entities")]
    public IReadOnlyList<AnalysisEntity> Entities { get; init; } = [];

    /// <summary>Important statements, each backed by a verbatim quote.</summary>
    [JsonPropertyName("keyFacts")]
    public IReadOnlyList<KeyFact> KeyFacts { get; init; } = [];

    /// <summary>Dates mentioned in the document.</summary>
    [JsonPropertyName("dates")]
    public IReadOnlyList<AnalysisDate> Dates { get; init; } = [];

    /// <summary>Monetary amounts mentioned in the document.</summary>
    [JsonPropertyName("amounts")]
    public IReadOnlyList<AnalysisAmount> Amounts { get; init; } = [];
}
