using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// US social security numbers: area not 000, 666 or 9xx, group not 00, serial not 0000. Grouped numbers are
/// accepted unless a label names them as another kind of number; nine bare digits only after an SSN label.
/// </summary>
internal static partial class SsnDetector
{
    public static void Find(string text, List<PiiCandidate> sink)
    {
        foreach (Match m in GroupedSsn().Matches(text))
        {
            if (IsValid(m.Groups["a"].Value, m.Groups["g"].Value, m.Groups["s"].Value) &&
                !ContextLabels.IsOtherNumberLabel(TextContext.Before(text, m.Index, 40)))
            {
                sink.Add(new PiiCandidate(PiiType.Ssn, m.Index, m.Length, TextContext.DigitsOnly(m.ValueSpan)));
            }
        }

        foreach (Match m in LabelledBareSsn().Matches(text))
        {
            var v = m.Groups["v"];
            if (IsValid(v.Value[..3], v.Value[3..5], v.Value[5..]))
            {
                sink.Add(new PiiCandidate(PiiType.Ssn, v.Index, v.Length, v.Value));
            }
        }
    }

    private static bool IsValid(string area, string group, string serial) =>
        area != "000" && area != "666" && area[0] != '9' && group != "00" && serial != "0000";

    [GeneratedRegex(@"(?<![\w\-./])(?<a>\d{3})(?<sep>[\- ])(?<g>\d{2})\k<sep>(?<s>\d{4})(?![\w\-]|[ .]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedSsn();

    [GeneratedRegex(@"(?i)\b(?:ssn|social security(?: number| no\.?| #)?)\s*[:#]?\s*(?<v>\d{9})\b", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledBareSsn();
}
