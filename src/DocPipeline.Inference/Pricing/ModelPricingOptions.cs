namespace DocPipeline.Inference.Pricing;

/// <summary>
/// Price overrides bound from <see cref="SectionName"/>, for example
/// <c>Pipeline:Models:Prices:gemini-2.5-flash:InputPerMillion = 0.30</c>. A configured model replaces that model's
/// built-in default entirely; models not configured keep their defaults.
/// </summary>
public sealed class ModelPricingOptions
{
    /// <summary>The configuration section these options bind from; prices live under its <c>Prices</c> key.</summary>
    public const string SectionName = "Pipeline:Models";

    /// <summary>Prices by model id (case-insensitive).</summary>
    public Dictionary<string, ModelPrice> Prices { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
