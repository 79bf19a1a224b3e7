using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DocPipeline.Documents.Analysis.Schema;

namespace DocPipeline.Documents.Analysis;

/// <summary>
/// The schema of <see cref="DocumentAnalysis"/> in two renderings generated from one definition: JSON Schema
/// (draft-07, used for validation) and the Gemini <c>responseSchema</c> (OpenAPI subset, sent with requests).
/// </summary>
public static class AnalysisSchema
{
    private static readonly JsonObject JsonSchemaNode = JsonSchemaRenderer.Render(AnalysisSchemaDefinition.Root);
    private static readonly JsonObject GeminiNode = GeminiSchemaRenderer.Render(AnalysisSchemaDefinition.Root);

    /// <summary>The JSON Schema (draft-07), canonical form: compact with keys sorted.</summary>
    public static string JsonSchema { get; } = CanonicalJson.Serialize(JsonSchemaNode);

    /// <summary>The Gemini <c>generationConfig.responseSchema</c> value, canonical form.</summary>
    public static string GeminiResponseSchemaJson { get; } = CanonicalJson.Serialize(GeminiNode);

    /// <summary>
    /// Lower-case hex SHA-256 over both canonical renderings (JSON Schema, a newline, Gemini schema), for cache keys:
    /// any change to the shape, a limit or a description produces a new hash.
    /// </summary>
    public static string SchemaHash { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSchema + "\n" + GeminiResponseSchemaJson)));

    /// <summary>A fresh, mutable copy of the Gemini response schema, ready to place in a request body.</summary>
    /// <returns>A new JSON object each call.</returns>
    public static JsonObject CreateGeminiResponseSchema() => (JsonObject)GeminiNode.DeepClone();

    /// <summary>A fresh, mutable copy of the JSON Schema.</summary>
    /// <returns>A new JSON object each call.</returns>
    public static JsonObject CreateJsonSchema() => (JsonObject)JsonSchemaNode.DeepClone();
}
