namespace DocPipeline.Inference.Pricing;

/// <summary>Prices for one model in US dollars per million tokens.</summary>
public sealed record ModelPrice
{
    /// <summary>The prompt-size threshold, in tokens, above which the long-context rates apply.</summary>
    public const int DefaultLongContextThreshold = 200_000;

    /// <summary>Input (prompt) price per million tokens.</summary>
    public decimal InputPerMillion { get; init; }

    /// <summary>Output price per million tokens; reasoning tokens are billed at this rate too.</summary>
    public decimal OutputPerMillion { get; init; }

    /// <summary>Input price per million tokens when the prompt exceeds <see cref="LongContextThreshold"/>; null when the model has one tier.</summary>
    public decimal? LongContextInputPerMillion { get; init; }

    /// <summary>Output price per million tokens when the prompt exceeds <see cref="LongContextThreshold"/>; null when the model has one tier.</summary>
    public decimal? LongContextOutputPerMillion { get; init; }

    /// <summary>Prompt tokens above which the whole call is billed at the long-context rates. Default 200,000.</summary>
    public int LongContextThreshold { get; init; } = DefaultLongContextThreshold;
}
