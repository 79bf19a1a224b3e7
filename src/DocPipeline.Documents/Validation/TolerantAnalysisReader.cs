using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocPipeline.Documents.Analysis;

namespace DocPipeline.Documents.Validation;

/// <summary>
/// Reads as much of an analysis as possible from JSON that does not fit the schema (a number written as text, an
/// entity without a type…), so grounding can still run and a repair prompt can list every problem at once. Array
/// items keep their positions, with empty values where the JSON was unusable.
/// </summary>
internal static class TolerantAnalysisReader
{
    public static DocumentAnalysis? Read(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is not JsonObject o)
        {
            return null;
        }

        return new DocumentAnalysis
        {
            Summary = Text(o["summary"]) ?? string.Empty,
            DocumentType = Text(o["documentType"]) ?? DocumentTypes.Other,
            Language = Text(o["language"]) ?? LanguageCodes.Undetermined,
            Keywords = Items(o["keywords"], n => Text(n) ?? string.Empty),
            Entities = Items(o["entities"], n => new AnalysisEntity(Text(n?["type"]) ?? string.Empty, Text(n?["text"]) ?? string.Empty)),
            KeyFacts = Items(o["keyFacts"], n => new KeyFact(Text(n?["statement"]) ?? string.Empty, Text(n?["evidence"]) ?? string.Empty)),
            Dates = Items(o["dates"], n => new AnalysisDate(Text(n?["text"]) ?? string.Empty, Text(n?["iso"]))),
            Amounts = Items(o["amounts"], n => new AnalysisAmount(Text(n?["text"]) ?? string.Empty, Number(n?["value"]) ?? 0m, Text(n?["currency"]))),
        };
    }

    private static List<T> Items<T>(JsonNode? node, Func<JsonNode?, T> read) =>
        node is JsonArray array ? array.Select(read).ToList() : [];

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static decimal? Number(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.Number when v.TryGetValue<decimal>(out var d) => d,
            JsonValueKind.String when decimal.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };
    }
}
