namespace DocPipeline.Documents.Analysis;

/// <summary>Size limits of a <see cref="DocumentAnalysis"/>, enforced by the schema and respected by the combiner.</summary>
public static class AnalysisLimits
{
    /// <summary>Longest summary, in characters.</summary>
    public const int SummaryMaxLength = 4000;

    /// <summary>Most keywords.</summary>
    public const int MaxKeywords = 25;

    /// <summary>Longest keyword, in characters.</summary>
    public const int KeywordMaxLength = 100;

    /// <summary>Most entities.</summary>
    public const int MaxEntities = 100;

    /// <summary>Longest entity text, in characters.</summary>
    public const int EntityTextMaxLength = 300;

    /// <summary>Most key facts.</summary>
    public const int MaxKeyFacts = 25;

    /// <summary>Longest key fact statement, in characters.</summary>
    public const int StatementMaxLength = 600;

    /// <summary>Longest key fact evidence quote, in characters.</summary>
    public const int EvidenceMaxLength = 800;

    /// <summary>Most dates.</summary>
    public const int MaxDates = 50;

    /// <summary>Most amounts.</summary>
    public const int MaxAmounts = 50;

    /// <summary>Longest date or amount text, in characters.</summary>
    public const int MentionTextMaxLength = 100;
}
