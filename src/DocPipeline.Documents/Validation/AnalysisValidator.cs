using System.Text.Json;
using DocPipeline.Documents.Analysis;

namespace DocPipeline.Documents.Validation;

/// <summary>
/// Checks a model's analysis JSON: it must parse (Markdown fences and text around the object are tolerated), satisfy
/// <see cref="AnalysisSchema.JsonSchema"/>, and be grounded in the source text (see the remarks). Thread-safe.
/// </summary>
/// <remarks>
/// Grounding: every <c>keyFacts[].evidence</c> occurs in the source, ignoring case, whitespace, typographic quotes
/// and dashes (an ellipsis may join parts that occur in order); numbers, amounts and dates in
/// <c>keyFacts[].statement</c>, <c>dates[]</c> and <c>amounts[]</c> occur in the source by value; <c>dates[].iso</c>
/// agrees with its text; <c>amounts[].value</c> agrees with its text. Pass the sanitized text the model saw, so
/// placeholders such as <c>[EMAIL_1]</c> count as present.
/// </remarks>
public sealed class AnalysisValidator
{
    /// <summary>Largest response accepted, in characters.</summary>
    public const int MaxResponseLength = 2_000_000;

    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
        MaxDepth = 32,
    };

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32 };

    /// <summary>Validates a model response against the schema and the source text.</summary>
    /// <param name="modelJson">The raw response text; <see langword="null"/> or empty is reported as a parse finding.</param>
    /// <param name="sourceText">The text the model analysed (sanitized).</param>
    /// <returns>The findings and, when the JSON could be read, the parsed analysis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceText"/> is null.</exception>
    public AnalysisValidationResult Validate(string? modelJson, string sourceText)
    {
        ArgumentNullException.ThrowIfNull(sourceText);
        if (string.IsNullOrWhiteSpace(modelJson))
        {
            return Failed(new ValidationFinding(ValidationFindingKind.Parse, "$", "The response is empty."));
        }

        if (modelJson.Length > MaxResponseLength)
        {
            return Failed(new ValidationFinding(ValidationFindingKind.Parse, "$", $"The response is longer than {MaxResponseLength} characters."));
        }

        var json = ModelJson.Extract(modelJson);
        try
        {
            using var document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, position {ex.BytePositionInLine + 1})" : string.Empty;
            return Failed(new ValidationFinding(ValidationFindingKind.Parse, "$", $"The response is not valid JSON{where}: {FirstSentence(ex.Message)}"));
        }

        var findings = new List<ValidationFinding>();
        SchemaValidator.Validate(json, findings);

        DocumentAnalysis? analysis;
        try
        {
            analysis = JsonSerializer.Deserialize<DocumentAnalysis>(json, ReadOptions);
        }
        catch (JsonException ex)
        {
            analysis = TolerantAnalysisReader.Read(json);
            if (findings.Count == 0)
            {
                findings.Add(new ValidationFinding(ValidationFindingKind.Parse, "$", $"The JSON cannot be read as an analysis: {FirstSentence(ex.Message)}"));
            }
        }

        if (analysis is not null)
        {
            analysis = WithoutNulls(analysis);
            var grounding = new List<ValidationFinding>();
            new GroundingChecker(sourceText).Check(analysis, grounding);
            findings.AddRange(grounding.Where(g => !findings.Any(f => Covers(f.Path, g.Path))));
        }

        return new AnalysisValidationResult { Analysis = analysis, Errors = findings };
    }

    /// <summary>Validates an analysis produced in process (for example a combined or offline result) the same way.</summary>
    /// <param name="analysis">The analysis.</param>
    /// <param name="sourceText">The text it describes (sanitized).</param>
    /// <returns>The findings and the analysis.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public AnalysisValidationResult Validate(DocumentAnalysis analysis, string sourceText)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return Validate(JsonSerializer.Serialize(analysis), sourceText);
    }

    private static AnalysisValidationResult Failed(ValidationFinding finding) => new() { Errors = [finding] };

    /// <summary>A schema finding on a field makes a grounding finding on the same field (or inside it) redundant.</summary>
    private static bool Covers(string schemaPath, string groundingPath) =>
        schemaPath != "$" &&
        groundingPath.StartsWith(schemaPath, StringComparison.Ordinal) &&
        (groundingPath.Length == schemaPath.Length || groundingPath[schemaPath.Length] is '.' or '[');

    /// <summary>JSON <c>null</c> for a list would otherwise leave a null behind a non-nullable property.</summary>
    private static DocumentAnalysis WithoutNulls(DocumentAnalysis a) => a with
    {
        Summary = a.Summary ?? string.Empty,
        DocumentType = a.DocumentType ?? DocumentTypes.Other,
        Language = a.Language ?? LanguageCodes.Undetermined,
        Keywords = a.Keywords ?? [],
        Entities = a.Entities ?? [],
        KeyFacts = a.KeyFacts ?? [],
        Dates = a.Dates ?? [],
        Amounts = a.Amounts ?? [],
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..(cut + 1)] : message;
    }
}
