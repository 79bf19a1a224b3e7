using System.Text.Json;
using DocPipeline.Inference;
using DocPipeline.Inference.Caching;

namespace DocPipeline.Tests.Inference;

public sealed class ModelResponseKeyTests
{
    private static readonly JsonElement Schema = Parse("""{"type":"OBJECT","properties":{"a":{"type":"STRING"},"b":{"type":"NUMBER"}}}""");

    [Fact]
    public void Create_SameParts_GivesTheSameKnownKey()
    {
        var key = ModelResponseKey.Create("gemini-2.5-flash", "v1", "input", "schema");

        Assert.Equal(key, ModelResponseKey.Create("gemini-2.5-flash", "v1", "input", "schema"));
        Assert.StartsWith("gemini-2.5-flash-", key, StringComparison.Ordinal);
        Assert.Matches("^gemini-2.5-flash-[0-9a-f]{64}$", key);
    }

    [Fact]
    public void Create_ShiftedBoundaries_GiveDifferentKeys()
    {
        Assert.NotEqual(
            ModelResponseKey.Create("m", "ab", "c", "d"),
            ModelResponseKey.Create("m", "a", "bc", "d"));
    }

    [Fact]
    public void Create_OddModelName_StillGivesAFileSafeKey()
    {
        var key = ModelResponseKey.Create("_Tuned/Model:1", "v", "i", "s");

        Assert.Matches("^[a-z0-9][a-z0-9._-]*$", key);
    }

    [Fact]
    public void HashText_IsLowerHexSha256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ModelResponseKey.HashText("abc"));
    }

    [Fact]
    public void HashSchema_PropertyOrderAndWhitespace_DoNotMatter()
    {
        var reordered = Parse("""
            { "properties": { "b": {"type":"NUMBER"}, "a": {"type":"STRING"} },
              "type": "OBJECT" }
            """);

        Assert.Equal(ModelResponseKey.HashSchema(Schema), ModelResponseKey.HashSchema(reordered));
        Assert.Equal("none", ModelResponseKey.HashSchema(null));
    }

    [Fact]
    public void HashSchema_DifferentSchema_DiffersAndArrayOrderMatters()
    {
        var first = Parse("""{"required":["a","b"]}""");
        var second = Parse("""{"required":["b","a"]}""");

        Assert.NotEqual(ModelResponseKey.HashSchema(first), ModelResponseKey.HashSchema(second));
    }

    [Fact]
    public void ForRequest_EachInputThatShapesTheAnswer_ChangesTheKey()
    {
        var baseline = new ModelRequest { Model = "gemini-2.5-flash", Prompt = "text", ResponseSchema = Schema };
        var variants = new[]
        {
            baseline with { Model = "gemini-2.5-pro" },
            baseline with { Prompt = "text2" },
            baseline with { SystemInstruction = "sys" },
            baseline with { Temperature = 0.5 },
            baseline with { MaxOutputTokens = 100 },
            baseline with { ThinkingBudget = 0 },
            baseline with { ResponseMimeType = "text/plain" },
            baseline with { ResponseSchema = null },
            baseline with { ResponseJsonSchema = Schema },
            baseline with { PromptVersion = "v2" },
            baseline with { SafetySettings = [new ModelSafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE")] },
        };

        var keys = variants.Select(ModelResponseKey.ForRequest).Append(ModelResponseKey.ForRequest(baseline)).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ModelResponseKey.ForRequest(baseline), ModelResponseKey.ForRequest(baseline with { }));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
