using DocPipeline.Host.Hosting;
using DocPipeline.Host.Security;
using Microsoft.Extensions.Configuration;

namespace DocPipeline.Tests.Functions.Service;

public sealed class ApiKeyRingTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void FromConfiguration_NoKeys_IsDisabledAndRefusesEverything()
    {
        var ring = ApiKeyRing.FromConfiguration(Config(("DOCPIPELINE_API_KEY", "")));

        Assert.False(ring.IsEnabled);
        Assert.False(ring.IsValid("anything-at-all-1234"));
    }

    [Fact]
    public void FromConfiguration_AllSources_AcceptsEachKeyAndNothingElse()
    {
        var ring = ApiKeyRing.FromConfiguration(Config(
            ("DOCPIPELINE_API_KEY", "single-key-0123456789"),
            ("DocPipeline:ApiKeys", "listed-key-a-0123456; listed-key-b-0123456"),
            ("DocPipeline:ApiKeys:0", "indexed-key-0123456789")));

        Assert.Equal(4, ring.Count);
        Assert.True(ring.IsValid("single-key-0123456789"));
        Assert.True(ring.IsValid("listed-key-a-0123456"));
        Assert.True(ring.IsValid("listed-key-b-0123456"));
        Assert.True(ring.IsValid("indexed-key-0123456789"));
        Assert.False(ring.IsValid("single-key-012345678"));
        Assert.False(ring.IsValid("SINGLE-KEY-0123456789"));
        Assert.False(ring.IsValid(string.Empty));
        Assert.False(ring.IsValid(new string('k', 10_000)));
    }

    [Theory]
    [InlineData("DOCPIPELINE_API_KEY", "too-short", "DOCPIPELINE_API_KEY")]
    [InlineData("DocPipeline:ApiKeys:3", "has a space in it 12345", "DocPipeline:ApiKeys:3")]
    [InlineData("DocPipeline:ApiKeys", "good-key-000000000000;bad", "DocPipeline:ApiKeys (entry 2)")]
    public void FromConfiguration_WeakKey_NamesTheSettingWithoutTheKey(string setting, string value, string named)
    {
        var ex = Assert.Throws<ServeStartupException>(() => ApiKeyRing.FromConfiguration(Config((setting, value))));

        Assert.Equal(named, ex.Setting);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value.Split(';')[^1], ex.Message, StringComparison.Ordinal);
    }
}
