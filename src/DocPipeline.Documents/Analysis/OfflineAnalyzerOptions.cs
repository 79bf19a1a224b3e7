namespace DocPipeline.Documents.Analysis;

/// <summary>Output sizes of <see cref="OfflineAnalyzer"/>.</summary>
public sealed record OfflineAnalyzerOptions
{
    /// <summary>Options with every default.</summary>
    public static OfflineAnalyzerOptions Default { get; } = new();

    /// <summary>Sentences in the extractive summary. Default 3.</summary>
    public int SummarySentences { get; init; } = 3;

    /// <summary>Most keywords returned. Default 10, at most <see cref="AnalysisLimits.MaxKeywords"/>.</summary>
    public int MaxKeywords { get; init; } = 10;

    /// <summary>Most key facts returned. Default 5, at most <see cref="AnalysisLimits.MaxKeyFacts"/>.</summary>
    public int MaxKeyFacts { get; init; } = 5;

    internal void Validate()
    {
        if (SummarySentences < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SummarySentences), SummarySentences, "Must be at least 1.");
        }

        if (MaxKeywords is < 0 or > AnalysisLimits.MaxKeywords)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxKeywords), MaxKeywords, $"Must be between 0 and {AnalysisLimits.MaxKeywords}.");
        }

        if (MaxKeyFacts is < 0 or > AnalysisLimits.MaxKeyFacts)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxKeyFacts), MaxKeyFacts, $"Must be between 0 and {AnalysisLimits.MaxKeyFacts}.");
        }
    }
}
