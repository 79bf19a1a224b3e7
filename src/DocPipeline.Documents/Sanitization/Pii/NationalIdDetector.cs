using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// UK National Insurance numbers (<c>QQ 12 34 56 C</c>): letters and prefixes restricted as HMRC issues them, so
/// product codes of the same length rarely qualify.
/// </summary>
internal static partial class NationalIdDetector
{
    private static readonly HashSet<string> InvalidPrefixes = new(StringComparer.Ordinal) { "BG", "GB", "NK", "KN", "TN", "NT", "ZZ" };

    public static void Find(string text, List<PiiCandidate> sink)
    {
        foreach (Match m in Nino().Matches(text))
        {
            var compact = m.Value.Replace(" ", string.Empty, StringComparison.Ordinal);
            if (!InvalidPrefixes.Contains(compact[..2]) && !ContextLabels.IsOtherNumberLabel(TextContext.Before(text, m.Index, 30)))
            {
                sink.Add(new PiiCandidate(PiiType.NationalId, m.Index, m.Length, compact));
            }
        }
    }

    [GeneratedRegex(@"(?<![\w\-])[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w\-])", RegexOptions.CultureInvariant)]
    private static partial Regex Nino();
}
