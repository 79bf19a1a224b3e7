using System.Collections.Frozen;

namespace DocPipeline.Inference.Pricing;

/// <summary>Looks up model prices and turns token usage into US dollars.</summary>
public sealed class ModelPriceTable
{
    private const decimal TokensPerMillion = 1_000_000m;

    private readonly FrozenDictionary<string, ModelPrice> _prices;

    /// <summary>Creates a table of the built-in defaults overlaid with <paramref name="options"/>.</summary>
    /// <param name="options">Configured prices; may be null for defaults only.</param>
    /// <exception cref="ArgumentException">A configured price is negative or incomplete; the message names the key.</exception>
    public ModelPriceTable(ModelPricingOptions? options = null)
    {
        var configured = options?.Prices ?? [];
        var errors = ModelPricingOptionsValidator.Check(configured);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var merged = new Dictionary<string, ModelPrice>(DefaultModelPrices.All, StringComparer.OrdinalIgnoreCase);
        foreach (var (model, price) in configured)
        {
            merged[model] = price;
        }

        _prices = merged.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The built-in defaults only.</summary>
    public static ModelPriceTable Default { get; } = new();

    /// <summary>Every known price by model id.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices => _prices;

    /// <summary>
    /// Finds the price for <paramref name="model"/>: an exact match first, then the longest known id that
    /// the model id extends with a version suffix (<c>gemini-2.5-flash-001</c> → <c>gemini-2.5-flash</c>).
    /// </summary>
    /// <param name="model">The model id.</param>
    /// <param name="price">The price when found.</param>
    /// <returns>Whether a price is known.</returns>
    public bool TryGetPrice(string model, out ModelPrice price)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_prices.TryGetValue(model, out var exact))
        {
            price = exact;
            return true;
        }

        ModelPrice? best = null;
        var bestLength = 0;
        foreach (var (known, candidate) in _prices)
        {
            if (known.Length > bestLength
                && model.Length > known.Length
                && model.StartsWith(known, StringComparison.OrdinalIgnoreCase)
                && model[known.Length] is '-' or '@')
            {
                best = candidate;
                bestLength = known.Length;
            }
        }

        price = best!;
        return best is not null;
    }

    /// <summary>Cost of one call in US dollars; 0 when the model has no known price.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="usage">The call's token counts; reasoning tokens are billed as output.</param>
    /// <returns>The cost.</returns>
    public decimal Cost(string model, ModelUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        if (!TryGetPrice(model, out var price))
        {
            return 0m;
        }

        var longContext = usage.PromptTokens > price.LongContextThreshold;
        var input = longContext ? price.LongContextInputPerMillion ?? price.InputPerMillion : price.InputPerMillion;
        var output = longContext ? price.LongContextOutputPerMillion ?? price.OutputPerMillion : price.OutputPerMillion;
        return ((usage.PromptTokens * input) + (usage.BilledOutputTokens * output)) / TokensPerMillion;
    }
}
