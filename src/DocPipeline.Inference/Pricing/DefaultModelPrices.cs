namespace DocPipeline.Inference.Pricing;

/// <summary>
/// Published list prices (USD per million tokens) used when configuration does not say otherwise. They drift;
/// configuration is the place to keep them current.
/// </summary>
internal static class DefaultModelPrices
{
    public static IReadOnlyDictionary<string, ModelPrice> All { get; } = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase)
    {
        ["gemini-2.5-pro"] = new()
        {
            InputPerMillion = 1.25m,
            OutputPerMillion = 10m,
            LongContextInputPerMillion = 2.50m,
            LongContextOutputPerMillion = 15m,
        },
        ["gemini-2.5-flash"] = new() { InputPerMillion = 0.30m, OutputPerMillion = 2.50m },
        ["gemini-2.5-flash-lite"] = new() { InputPerMillion = 0.10m, OutputPerMillion = 0.40m },
        ["gemini-3-pro-preview"] = new()
        {
            InputPerMillion = 2m,
            OutputPerMillion = 12m,
            LongContextInputPerMillion = 4m,
            LongContextOutputPerMillion = 18m,
        },
        ["gemini-3-flash-preview"] = new() { InputPerMillion = 0.50m, OutputPerMillion = 3m },
    };
}
