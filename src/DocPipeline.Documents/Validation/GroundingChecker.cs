using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Analysis.Text;

namespace DocPipeline.Documents.Validation;

/// <summary>
/// Checks that an analysis says nothing the source does not support: every evidence quote occurs in the source
/// (an ellipsis may join quoted parts that occur in order), and every number, amount and date in statements, dates
/// and amounts occurs there too, compared by value so that <c>1,234.50</c> matches <c>1.234,50</c> and
/// <c>15 March 2024</c> matches <c>2024-03-15</c>. Placeholders such as <c>[EMAIL_1]</c> are ordinary text here:
/// present when the sanitized source contains them. Single-digit numbers are not checked because they are routinely
/// written as words ("three parties").
/// </summary>
internal sealed partial class GroundingChecker
{
    private const int QuotePreviewLength = 60;

    private readonly string normalizedSource;
    private readonly HashSet<decimal> sourceNumbers = [];
    private readonly HashSet<DateOnly> sourceDates = [];
    private readonly HashSet<(int Year, int Month)> sourceMonths = [];

    public GroundingChecker(string source)
    {
        normalizedSource = GroundingText.Normalize(source);
        var withoutPlaceholders = Placeholder().Replace(source, " ");
        foreach (var token in NumberReading.FindTokens(withoutPlaceholders))
        {
            sourceNumbers.UnionWith(NumberReading.Values(token.Value));
        }

        foreach (var amount in AmountMentions.Find(withoutPlaceholders))
        {
            sourceNumbers.Add(amount.Value);
        }

        foreach (var date in DateMentions.Find(withoutPlaceholders))
        {
            foreach (var candidate in date.Candidates)
            {
                sourceMonths.Add((candidate.Year, candidate.Month));
                if (!date.MonthOnly)
                {
                    sourceDates.Add(candidate);
                }
            }
        }
    }

    public void Check(DocumentAnalysis analysis, List<ValidationFinding> sink)
    {
        for (var i = 0; i < analysis.KeyFacts.Count; i++)
        {
            var fact = analysis.KeyFacts[i];
            if (fact is null)
            {
                continue;
            }

            var path = $"$.keyFacts[{i}]";
            if (!string.IsNullOrWhiteSpace(fact.Evidence) && !IsQuoted(fact.Evidence))
            {
                sink.Add(Finding($"{path}.evidence", $"Evidence is not a verbatim quote of the source text: \"{Preview(fact.Evidence)}\"."));
            }

            if (!string.IsNullOrWhiteSpace(fact.Statement))
            {
                CheckNumbersAndDates(fact.Statement, $"{path}.statement", sink);
            }
        }

        for (var i = 0; i < analysis.Dates.Count; i++)
        {
            if (analysis.Dates[i] is { } date)
            {
                CheckDate(date, $"$.dates[{i}]", sink);
            }
        }

        for (var i = 0; i < analysis.Amounts.Count; i++)
        {
            if (analysis.Amounts[i] is { } amount)
            {
                CheckAmount(amount, $"$.amounts[{i}]", sink);
            }
        }
    }

    private bool IsQuoted(string evidence)
    {
        var quote = GroundingText.Normalize(evidence).Trim('"', '\'', ' ');
        if (quote.Length == 0)
        {
            return true;
        }

        if (ContainsInOrder(quote))
        {
            return true;
        }

        return quote.EndsWith('.') && ContainsInOrder(quote.TrimEnd('.'));
    }

    private bool ContainsInOrder(string quote)
    {
        var position = 0;
        foreach (var part in quote.Replace("[...]", "...", StringComparison.Ordinal).Split("...", StringSplitOptions.None))
        {
            var p = part.Trim().Trim('"', '\'').Trim();
            if (p.Length == 0)
            {
                continue;
            }

            var found = normalizedSource.IndexOf(p, position, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            position = found + p.Length;
        }

        return true;
    }

    private void CheckNumbersAndDates(string text, string path, List<ValidationFinding> sink)
    {
        var masked = new StringBuilder(Placeholder().Replace(text, m => new string(' ', m.Length)));
        foreach (var date in DateMentions.Find(masked.ToString()))
        {
            if (!IsDateInSource(date))
            {
                sink.Add(Finding(path, $"Date \"{text.Substring(date.Start, date.Length)}\" does not occur in the source text."));
            }

            Mask(masked, date.Start, date.Length);
        }

        foreach (var amount in AmountMentions.Find(masked.ToString()))
        {
            if (sourceNumbers.Contains(amount.Value))
            {
                Mask(masked, amount.Start, amount.Length);
            }
        }

        foreach (var token in NumberReading.FindTokens(masked.ToString()))
        {
            if (token.Length == 1)
            {
                continue;
            }

            if (!NumberReading.Values(token.Value).Any(sourceNumbers.Contains))
            {
                sink.Add(Finding(path, $"Number \"{token.Value}\" does not occur in the source text."));
            }
        }
    }

    private void CheckDate(AnalysisDate date, string path, List<ValidationFinding> sink)
    {
        var mentions = string.IsNullOrWhiteSpace(date.Text) ? [] : DateMentions.Find(date.Text);
        var textGrounded = string.IsNullOrWhiteSpace(date.Text) ||
                           normalizedSource.Contains(GroundingText.Normalize(date.Text), StringComparison.Ordinal) ||
                           (mentions.Count > 0 && mentions.All(IsDateInSource));
        if (!textGrounded)
        {
            sink.Add(Finding($"{path}.text", $"Date \"{Preview(date.Text)}\" does not occur in the source text."));
        }

        if (date.Iso is null)
        {
            return;
        }

        if (!TryParseIso(date.Iso, out var iso, out var monthOnly))
        {
            sink.Add(Finding($"{path}.iso", $"\"{Preview(date.Iso)}\" is not a valid calendar date in the form YYYY-MM-DD or YYYY-MM."));
            return;
        }

        var readings = mentions.SelectMany(m => m.Candidates).ToList();
        var consistent = readings.Count > 0
            ? readings.Any(r => r.Year == iso.Year && r.Month == iso.Month && (monthOnly || r.Day == iso.Day))
            : monthOnly ? sourceMonths.Contains((iso.Year, iso.Month)) : sourceDates.Contains(iso);
        if (!consistent)
        {
            sink.Add(Finding($"{path}.iso", $"\"{date.Iso}\" does not match the date text \"{Preview(date.Text)}\" or any date in the source text."));
        }
    }

    private void CheckAmount(AnalysisAmount amount, string path, List<ValidationFinding> sink)
    {
        var text = amount.Text ?? string.Empty;
        if (text.Length > 0 && !normalizedSource.Contains(GroundingText.Normalize(text), StringComparison.Ordinal))
        {
            sink.Add(Finding($"{path}.text", $"Amount \"{Preview(text)}\" does not occur in the source text."));
        }

        var value = NumberReading.Normalize(amount.Value);
        var allowed = new HashSet<decimal>();
        foreach (var mention in AmountMentions.Find(text))
        {
            allowed.Add(mention.Value);
        }

        var scaleWord = ScaleWord().Match(text);
        var scale = scaleWord.Success ? AmountMentions.Scale(scaleWord.Value) : 1m;
        foreach (var token in NumberReading.FindTokens(text))
        {
            foreach (var v in NumberReading.Values(token.Value))
            {
                allowed.Add(v);
                allowed.Add(NumberReading.Normalize(v * scale));
            }
        }

        if (allowed.Count == 0 ? !sourceNumbers.Contains(value) : !allowed.Contains(value) && !allowed.Contains(-value))
        {
            sink.Add(Finding($"{path}.value", string.Create(CultureInfo.InvariantCulture, $"Value {amount.Value} does not match the amount text \"{Preview(text)}\".")));
        }
    }

    private bool IsDateInSource(DateMention mention) => mention.MonthOnly
        ? mention.Candidates.Any(c => sourceMonths.Contains((c.Year, c.Month)))
        : mention.Candidates.Any(sourceDates.Contains);

    private static bool TryParseIso(string iso, out DateOnly date, out bool monthOnly)
    {
        monthOnly = iso.Length == 7;
        if (monthOnly)
        {
            var ok = DateOnly.TryParseExact(iso + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
            return ok;
        }

        return DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static void Mask(StringBuilder sb, int start, int length)
    {
        for (var i = start; i < start + length && i < sb.Length; i++)
        {
            sb[i] = ' ';
        }
    }

    private static string Preview(string value) =>
        value.Length <= QuotePreviewLength ? value : value[..QuotePreviewLength] + "…";

    private static ValidationFinding Finding(string path, string message) => new(ValidationFindingKind.Grounding, path, message);

    [GeneratedRegex(@"\[[A-Z][A-Z_]*_\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?i)(?<![\p{L}])(?:k|mn|m|bn|million|millions|billion|billions|thousand|mio|mrd)(?![\p{L}])", RegexOptions.CultureInvariant)]
    private static partial Regex ScaleWord();
}
