using System.Text;
using DocPipeline.Documents.Analysis.Offline;
using DocPipeline.Documents.Analysis.Text;

namespace DocPipeline.Documents.Analysis;

/// <summary>
/// A deterministic, model-free analyzer that fills the same <see cref="DocumentAnalysis"/> as a model: an extractive
/// summary of the best-ranked sentences, frequency keywords with bigrams, pattern-based entities, dates and amounts,
/// language and document-type guesses, and key facts that quote their sentence verbatim so they pass grounding.
/// It is the last fallback when models are unavailable. Thread-safe.
/// </summary>
public sealed class OfflineAnalyzer
{
    /// <summary>The model name recorded for results produced here.</summary>
    public const string ModelName = "offline-extractive";

    private const int MaxSentences = 5000;

    private readonly OfflineAnalyzerOptions options;

    /// <summary>Creates an analyzer.</summary>
    /// <param name="options">Output sizes; <see langword="null"/> means <see cref="OfflineAnalyzerOptions.Default"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public OfflineAnalyzer(OfflineAnalyzerOptions? options = null)
    {
        this.options = options ?? OfflineAnalyzerOptions.Default;
        this.options.Validate();
    }

    /// <summary>Analyses a (sanitized) text. The same text always gives the same result.</summary>
    /// <param name="text">The document or chunk text.</param>
    /// <returns>An analysis that satisfies <see cref="AnalysisSchema"/> and the grounding rules.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public DocumentAnalysis Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = SentenceSplitter.Sentences(text);
        if (spans.Count == 0)
        {
            return new DocumentAnalysis { Summary = "The document contains no text." };
        }

        if (spans.Count > MaxSentences)
        {
            spans = spans.GetRange(0, MaxSentences);
        }

        var sentenceTokens = spans.Select(s => (IReadOnlyList<Token>)Tokenizer.Tokens(text, s.Start, s.Length)).ToList();
        var endsWithPunctuation = spans.Select(s => text[s.End - 1] is '.' or '!' or '?' or '"' or '\u201D' or ')' or '。').ToList();
        var scores = SentenceRanker.Score(sentenceTokens, endsWithPunctuation);
        var dates = DateMentions.Find(text);
        var amounts = AmountMentions.Find(text);
        var language = LanguageGuesser.Guess(text, sentenceTokens.SelectMany(t => t).Take(3000).ToList());

        return new DocumentAnalysis
        {
            Summary = Summarize(text, spans, scores),
            DocumentType = DocumentTypeGuesser.Guess(text),
            Language = language,
            Keywords = KeywordExtractor.Extract(sentenceTokens, options.MaxKeywords),
            Entities = EntityExtractor.Extract(text, amounts, dates, language),
            KeyFacts = KeyFacts(text, spans, scores, dates, amounts),
            Dates = dates
                .Select(d => new AnalysisDate(text.Substring(d.Start, d.Length), d.Iso))
                .Where(d => d.Text.Length <= AnalysisLimits.MentionTextMaxLength)
                .DistinctBy(d => d.Text, StringComparer.Ordinal)
                .Take(AnalysisLimits.MaxDates)
                .ToList(),
            Amounts = amounts
                .Select(a => new AnalysisAmount(a.Text, a.Value, a.Currency))
                .Where(a => a.Text.Length <= AnalysisLimits.MentionTextMaxLength)
                .DistinctBy(a => a.Text, StringComparer.Ordinal)
                .Take(AnalysisLimits.MaxAmounts)
                .ToList(),
        };
    }

    private string Summarize(string text, List<TextSpan> spans, double[] scores)
    {
        var chosen = Enumerable.Range(0, spans.Count)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => i)
            .Take(options.SummarySentences)
            .Order()
            .ToList();

        var sb = new StringBuilder();
        foreach (var i in chosen)
        {
            var sentence = CollapseWhitespace(spans[i].Of(text));
            if (sentence[^1] is not ('.' or '!' or '?' or '"' or '\u201D' or ')' or '。'))
            {
                sentence += ".";
            }

            if (sb.Length > 0 && sb.Length + 1 + sentence.Length > AnalysisLimits.SummaryMaxLength)
            {
                break;
            }

            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(sentence);
        }

        return CutAtWord(sb.ToString(), AnalysisLimits.SummaryMaxLength);
    }

    private List<KeyFact> KeyFacts(string text, List<TextSpan> spans, double[] scores, List<DateMention> dates, List<AmountMention> amounts)
    {
        var weighted = new List<(int Index, double Score)>();
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            var hasAmount = amounts.Any(a => a.Start >= span.Start && a.Start < span.End);
            var hasDate = dates.Any(d => d.Start >= span.Start && d.Start < span.End);
            var hasDigit = text.AsSpan(span.Start, span.Length).IndexOfAnyInRange('0', '9') >= 0;
            if (hasAmount || hasDate || hasDigit)
            {
                weighted.Add((i, scores[i] * (1 + (hasAmount ? 0.5 : 0) + (hasDate ? 0.3 : 0) + (hasDigit ? 0.2 : 0))));
            }
        }

        if (weighted.Count == 0)
        {
            weighted = Enumerable.Range(0, spans.Count).Select(i => (i, scores[i])).ToList();
        }

        return weighted
            .Where(w => scores[w.Index] > 0 || spans.Count == 1)
            .OrderByDescending(w => w.Score)
            .ThenBy(w => w.Index)
            .Take(options.MaxKeyFacts)
            .OrderBy(w => w.Index)
            .Select(w =>
            {
                var evidence = CutAtWord(spans[w.Index].Of(text), AnalysisLimits.EvidenceMaxLength);
                return new KeyFact(CutAtWord(CollapseWhitespace(evidence), AnalysisLimits.StatementMaxLength), evidence);
            })
            .ToList();
    }

    private static string CollapseWhitespace(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && sb.Length > 0)
            {
                sb.Append(' ');
            }

            space = false;
            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>A prefix of at most <paramref name="max"/> characters ending at a word boundary, so quotes stay verbatim and numbers whole.</summary>
    private static string CutAtWord(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var cut = value.LastIndexOfAny([' ', '\n', '\t'], max);
        return (cut > max / 2 ? value[..cut] : value[..max]).TrimEnd();
    }
}
