using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DocPipeline.Documents.Analysis;

namespace DocPipeline.Tests.Documents.Analysis;

public sealed class AnalysisSchemaTests
{
    [Fact]
    public async Task JsonSchema_IsDraft07AndLoadsInNJsonSchema()
    {
        var schema = await NJsonSchema.JsonSchema.FromJsonAsync(AnalysisSchema.JsonSchema);

        Assert.Equal("http://json-schema.org/draft-07/schema#", JsonNode.Parse(AnalysisSchema.JsonSchema)!["$schema"]!.GetValue<string>());
        string[] expected = ["summary", "documentType", "language", "keywords", "entities", "keyFacts", "dates", "amounts"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), schema.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), schema.RequiredProperties.Order(StringComparer.Ordinal));
        Assert.False(schema.AllowAdditionalProperties);
    }

    [Fact]
    public void GeminiSchema_UsesTheOpenApiSubsetOnly()
    {
        var gemini = JsonNode.Parse(AnalysisSchema.GeminiResponseSchemaJson)!;

        foreach (var node in Descendants(gemini).OfType<JsonObject>())
        {
            if (node["type"] is JsonValue type)
            {
                Assert.Contains(type.GetValue<string>(), new[] { "OBJECT", "ARRAY", "STRING", "NUMBER" });
            }

            Assert.False(node.ContainsKey("additionalProperties"));
            Assert.False(node.ContainsKey("$schema"));
            Assert.False(node.ContainsKey("pattern"));
        }

        Assert.Equal("OBJECT", gemini["type"]!.GetValue<string>());
        Assert.Equal("enum", gemini["properties"]!["documentType"]!["format"]!.GetValue<string>());
        Assert.True(gemini["properties"]!["dates"]!["items"]!["properties"]!["iso"]!["nullable"]!.GetValue<bool>());
    }

    [Fact]
    public void BothRenderings_DescribeTheSameShape()
    {
        var json = JsonNode.Parse(AnalysisSchema.JsonSchema)!;
        var gemini = JsonNode.Parse(AnalysisSchema.GeminiResponseSchemaJson)!;

        Assert.Equal(Shape(json), Shape(gemini));
    }

    [Fact]
    public void SchemaHash_IsSha256OfBothCanonicalRenderings()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AnalysisSchema.JsonSchema + "\n" + AnalysisSchema.GeminiResponseSchemaJson)));

        Assert.Equal(expected, AnalysisSchema.SchemaHash);
        Assert.Matches("^[0-9a-f]{64}$", AnalysisSchema.SchemaHash);
    }

    [Fact]
    public void CanonicalRenderings_HaveSortedKeysAndNoWhitespace()
    {
        foreach (var text in new[] { AnalysisSchema.JsonSchema, AnalysisSchema.GeminiResponseSchemaJson })
        {
            Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
            foreach (var o in Descendants(JsonNode.Parse(text)!).OfType<JsonObject>())
            {
                var keys = o.Select(p => p.Key).ToList();
                Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
            }
        }
    }

    [Fact]
    public void CreateGeminiResponseSchema_ReturnsIndependentCopies()
    {
        var first = AnalysisSchema.CreateGeminiResponseSchema();
        first["type"] = "CHANGED";

        var second = AnalysisSchema.CreateGeminiResponseSchema();

        Assert.Equal("OBJECT", second["type"]!.GetValue<string>());
        Assert.DoesNotContain("CHANGED", AnalysisSchema.GeminiResponseSchemaJson, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentAnalysis_Serializes_WithSchemaPropertyNames()
    {
        var analysis = new DocumentAnalysis
        {
            Summary = "s",
            Keywords = ["k"],
            Entities = [new AnalysisEntity(EntityTypes.Person, "Ann")],
            KeyFacts = [new KeyFact("a", "b")],
            Dates = [new AnalysisDate("1 May 2024", "2024-05-01")],
            Amounts = [new AnalysisAmount("€5", 5m, "EUR")],
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(analysis, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseUpper }))!;
        var schema = JsonNode.Parse(AnalysisSchema.JsonSchema)!;

        Assert.Equal(Shape(schema), Shape(json, fromInstance: true));
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };

        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }

    /// <summary>Property names and nesting, e.g. "amounts[].currency", from a schema or from an instance.</summary>
    private static string Shape(JsonNode node, bool fromInstance = false)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Walk(node, string.Empty, paths, fromInstance);
        return string.Join(",", paths);
    }

    private static void Walk(JsonNode? node, string prefix, SortedSet<string> paths, bool fromInstance)
    {
        if (fromInstance)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        paths.Add(prefix + key);
                        Walk(value, prefix + key + ".", paths, fromInstance);
                    }

                    break;
                case JsonArray a when a.Count > 0:
                    Walk(a[0], prefix[..^1] + "[].", paths, fromInstance);
                    break;
            }

            return;
        }

        if (node?["properties"] is JsonObject properties)
        {
            foreach (var (key, value) in properties)
            {
                paths.Add(prefix + key);
                Walk(value, prefix + key + ".", paths, fromInstance);
            }
        }

        if (node?["items"] is JsonNode items)
        {
            Walk(items, prefix[..^1] + "[].", paths, fromInstance);
        }
    }
}
