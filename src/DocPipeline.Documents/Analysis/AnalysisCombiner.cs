using System.Text;
using DocPipeline.Documents.Analysis.Text;

namespace DocPipeline.Documents.Analysis;

/// <summary>Merges per-chunk analyses of one document into a single <see cref="DocumentAnalysis"/>.</summary>
public static class AnalysisCombiner
{
    /// <summary>
    /// Combines chunk results in document order. Document type and language are decided by vote (a specific type
    /// beats "other", a known language beats "und", ties go to the earlier chunk); keywords are ranked by how high and
    /// how often chunks list them; entities, facts, dates and amounts are de-duplicated (case- and
    /// whitespace-insensitive) with facts taken round-robin across chunks so every part of the document is represented;
    /// the summary joins chunk summaries, shortening each at sentence boundaries to fit
    /// <paramref name="summaryMaxLength"/>. Every list respects <see cref="AnalysisLimits"/>.
    /// </summary>
    /// <param name="chunkResults">One analysis per chunk, in document order.</param>
    /// <param name="summaryMaxLength">Longest combined summary, in characters.</param>
    /// <returns>The combined analysis.</returns>
    /// <exception cref="ArgumentException"><paramref name="chunkResults"/> is empty or contains null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="summaryMaxLength"/> is outside 1..<see cref="AnalysisLimits.SummaryMaxLength"/>.</exception>
    public static DocumentAnalysis Combine(IReadOnlyList<DocumentAnalysis> chunkResults, int summaryMaxLength = AnalysisLimits.SummaryMaxLength)
    {
        ArgumentNullException.ThrowIfNull(chunkResults);
        if (chunkResults.Count == 0)
        {
            throw new ArgumentException("At least one chunk result is required.", nameof(chunkResults));
        }

        if (chunkResults.Any(r => r is null))
        {
            throw new ArgumentException("Chunk results must not contain null.", nameof(chunkResults));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(summaryMaxLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(summaryMaxLength, AnalysisLimits.SummaryMaxLength);

        var results = chunkResults.Select(Normalize).ToList();
        return new DocumentAnalysis
        {
            Summary = CombineSummaries(results.Select(r => r.Summary).ToList(), summaryMaxLength),
            DocumentType = Vote(results.Select(r => r.DocumentType), DocumentTypes.Other),
            Language = Vote(results.Select(r => r.Language), LanguageCodes.Undetermined),
            Keywords = CombineKeywords(results),
            Entities = results.SelectMany(r => r.Entities)
                .DistinctBy(e => (e.Type, Key(e.Text)))
                .Take(AnalysisLimits.MaxEntities)
                .ToList(),
            KeyFacts = RoundRobin(results.Select(r => r.KeyFacts).ToList())
                .DistinctBy(f => Key(f.Evidence))
                .DistinctBy(f => Key(f.Statement))
                .Take(AnalysisLimits.MaxKeyFacts)
                .ToList(),
            Dates = results.SelectMany(r => r.Dates)
                .DistinctBy(d => d.Iso ?? Key(d.Text))
                .Take(AnalysisLimits.MaxDates)
                .ToList(),
            Amounts = results.SelectMany(r => r.Amounts)
                .DistinctBy(a => a.Currency is null ? Key(a.Text) : FormattableString.Invariant($"{NumberReading.Normalize(a.Value)} {a.Currency}"))
                .Take(AnalysisLimits.MaxAmounts)
                .ToList(),
        };
    }

    private static DocumentAnalysis Normalize(DocumentAnalysis r) => r with
    {
        Summary = r.Summary ?? string.Empty,
        DocumentType = r.DocumentType ?? DocumentTypes.Other,
        Language = r.Language ?? LanguageCodes.Undetermined,
        Keywords = (r.Keywords ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).ToList(),
        Entities = (r.Entities ?? []).Where(e => e is not null && !string.IsNullOrWhiteSpace(e.Text)).ToList(),
        KeyFacts = (r.KeyFacts ?? []).Where(f => f is not null && !string.IsNullOrWhiteSpace(f.Evidence)).ToList(),
        Dates = (r.Dates ?? []).Where(d => d is not null && !string.IsNullOrWhiteSpace(d.Text)).ToList(),
        Amounts = (r.Amounts ?? []).Where(a => a is not null && !string.IsNullOrWhiteSpace(a.Text)).ToList(),
    };

    private static string Vote(IEnumerable<string> values, string fallback)
    {
        var ranked = values
            .Select((v, i) => (Value: v, Index: i))
            .Where(v => !string.Equals(v.Value, fallback, StringComparison.Ordinal))
            .GroupBy(v => v.Value, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min(v => v.Index))
            .FirstOrDefault();
        return ranked?.Key ?? fallback;
    }

    private static List<string> CombineKeywords(List<DocumentAnalysis> results)
    {
        var scores = new Dictionary<string, (double Score, int First, string Surface)>(StringComparer.Ordinal);
        var order = 0;
        foreach (var result in results)
        {
            for (var rank = 0; rank < result.Keywords.Count; rank++)
            {
                var surface = result.Keywords[rank].Trim();
                var key = Key(surface);
                var points = 1.0 + (1.0 / (rank + 1));
                scores[key] = scores.TryGetValue(key, out var s) ? (s.Score + points, s.First, s.Surface) : (points, order, surface);
                order++;
            }
        }

        return scores.Values
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.First)
            .Select(s => s.Surface)
            .Take(AnalysisLimits.MaxKeywords)
            .ToList();
    }

    private static IEnumerable<T> RoundRobin<T>(IReadOnlyList<IReadOnlyList<T>> lists)
    {
        var longest = lists.Count == 0 ? 0 : lists.Max(l => l.Count);
        for (var i = 0; i < longest; i++)
        {
            foreach (var list in lists)
            {
                if (i < list.Count)
                {
                    yield return list[i];
                }
            }
        }
    }

    private static string CombineSummaries(List<string> summaries, int maxLength)
    {
        var parts = summaries.Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        var joined = string.Join(" ", parts);
        if (joined.Length <= maxLength)
        {
            return joined;
        }

        var budget = Math.Max(1, (maxLength - (parts.Count - 1)) / parts.Count);
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            var piece = ShortenToSentences(part, budget);
            if (piece.Length == 0 || sb.Length + piece.Length + 1 > maxLength)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(piece);
        }

        return sb.ToString();
    }

    /// <summary>Whole sentences that fit in <paramref name="budget"/>; if even the first does not fit, its words that do.</summary>
    private static string ShortenToSentences(string text, int budget)
    {
        if (text.Length <= budget)
        {
            return text;
        }

        var end = 0;
        foreach (var sentence in SentenceSplitter.Sentences(text))
        {
            if (sentence.End > budget)
            {
                break;
            }

            end = sentence.End;
        }

        if (end > 0)
        {
            return text[..end];
        }

        var cut = text.LastIndexOf(' ', Math.Min(budget - 1, text.Length - 1));
        if (cut <= 0)
        {
            return text[..budget];
        }

        var shortened = text[..cut].TrimEnd() + "…";
        return shortened.Length <= budget ? shortened : text[..cut].TrimEnd();
    }

    private static string Key(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
