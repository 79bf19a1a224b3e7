using DocPipeline.Inference;
using DocPipeline.Inference.Pricing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DocPipeline.Tests.Inference;

public sealed class ModelPriceTableTests
{
    [Theory]
    [InlineData("gemini-2.5-pro", 1.25, 10)]
    [InlineData("gemini-2.5-flash", 0.30, 2.50)]
    [InlineData("gemini-2.5-flash-lite", 0.10, 0.40)]
    [InlineData("gemini-3-pro-preview", 2, 12)]
    [InlineData("gemini-3-flash-preview", 0.50, 3)]
    public void Cost_DefaultTable_UsesPublishedRatesPerMillion(string model, double input, double output)
    {
        // 100K prompt tokens stay below the 200K long-context threshold.
        var cost = ModelPriceTable.Default.Cost(model, new ModelUsage(100_000, 100_000, 0, 200_000, 0));

        Assert.Equal(((decimal)input + (decimal)output) / 10m, cost);
    }

    [Fact]
    public void Cost_ThoughtTokens_AreBilledAsOutput()
    {
        var usage = new ModelUsage(PromptTokens: 0, CandidatesTokens: 400_000, ThoughtsTokens: 600_000, TotalTokens: 1_000_000, CachedTokens: 0);

        Assert.Equal(2.50m, ModelPriceTable.Default.Cost("gemini-2.5-flash", usage));
    }

    [Fact]
    public void Cost_PromptAboveLongContextThreshold_UsesLongContextRatesForTheWholeCall()
    {
        var usage = new ModelUsage(200_001, 100_000, 0, 300_001, 0);

        var cost = ModelPriceTable.Default.Cost("gemini-2.5-pro", usage);

        Assert.Equal((200_001m * 2.50m / 1_000_000m) + (100_000m * 15m / 1_000_000m), cost);
    }

    [Fact]
    public void Cost_PromptAtThreshold_UsesStandardRates()
    {
        var usage = new ModelUsage(200_000, 0, 0, 200_000, 0);

        Assert.Equal(0.25m, ModelPriceTable.Default.Cost("gemini-2.5-pro", usage));
    }

    [Fact]
    public void Cost_UnknownModel_IsZero()
    {
        Assert.Equal(0m, ModelPriceTable.Default.Cost("some-other-model", new ModelUsage(1000, 1000, 0, 2000, 0)));
        Assert.False(ModelPriceTable.Default.TryGetPrice("some-other-model", out _));
    }

    [Theory]
    [InlineData("gemini-2.5-flash-001", 0.30)]
    [InlineData("gemini-2.5-flash-lite-preview-06-17", 0.10)]
    [InlineData("GEMINI-2.5-FLASH", 0.30)]
    public void TryGetPrice_VersionSuffixOrCase_FindsTheLongestKnownModel(string model, double input)
    {
        Assert.True(ModelPriceTable.Default.TryGetPrice(model, out var price));
        Assert.Equal((decimal)input, price.InputPerMillion);
    }

    [Fact]
    public void TryGetPrice_PrefixWithoutSeparator_DoesNotMatch()
    {
        Assert.False(ModelPriceTable.Default.TryGetPrice("gemini-2.5-flashy", out _));
    }

    [Fact]
    public void AddGeminiInference_PricesInConfiguration_OverrideDefaultsAndAddModels()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Models:Prices:gemini-2.5-flash:InputPerMillion"] = "0.5",
            ["Pipeline:Models:Prices:gemini-2.5-flash:OutputPerMillion"] = "4",
            ["Pipeline:Models:Prices:my-tuned-model:InputPerMillion"] = "1",
            ["Pipeline:Models:Prices:my-tuned-model:OutputPerMillion"] = "2",
            ["Pipeline:Models:Prices:my-tuned-model:LongContextInputPerMillion"] = "3",
            ["Pipeline:Models:Prices:my-tuned-model:LongContextOutputPerMillion"] = "5",
            ["Pipeline:Models:Prices:my-tuned-model:LongContextThreshold"] = "1000",
        }).Build();
        using var provider = new ServiceCollection().AddGeminiInference(configuration).BuildServiceProvider();

        var table = provider.GetRequiredService<ModelPriceTable>();

        Assert.Equal(0.45m, table.Cost("gemini-2.5-flash", new ModelUsage(100_000, 100_000, 0, 0, 0)));
        Assert.Equal(1.125m, table.Cost("gemini-2.5-pro", new ModelUsage(100_000, 100_000, 0, 0, 0)));
        Assert.Equal((2000m * 3m + 1000m * 5m) / 1_000_000m, table.Cost("my-tuned-model", new ModelUsage(2000, 1000, 0, 3000, 0)));
    }

    [Fact]
    public void AddGeminiInference_NegativePrice_FailsNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:Models:Prices:gemini-2.5-flash:InputPerMillion"] = "-1",
        }).Build();
        using var provider = new ServiceCollection().AddGeminiInference(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ModelPriceTable>());

        Assert.Contains("Pipeline:Models:Prices:gemini-2.5-flash:InputPerMillion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativePrice_ThrowsNamingTheSetting()
    {
        var options = new ModelPricingOptions { Prices = { ["m"] = new ModelPrice { InputPerMillion = 1, OutputPerMillion = -2 } } };

        var error = Assert.Throws<ArgumentException>(() => new ModelPriceTable(options));

        Assert.Contains("Pipeline:Models:Prices:m:OutputPerMillion", error.Message, StringComparison.Ordinal);
    }
}
