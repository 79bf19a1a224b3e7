using System.Text;

namespace DocPipeline.Documents.Sanitization.Cleaning;

/// <summary>
/// Drops running headers and footers: lines that recur near the top or the bottom of most pages. Lines are compared
/// case-insensitively with whitespace collapsed; in short lines (running heads, page numbers) every run of digits and
/// a lone Roman numeral is masked, so "Page 3 of 9" and dated heads still count as repeats, while long lines must
/// repeat exactly, so templated body text that differs only in its numbers is kept.
/// </summary>
internal static class HeaderFooterRemover
{
    public static List<string[]> Remove(IReadOnlyList<string[]> pages, int linesPerZone, double minShare)
    {
        var result = pages.Select(p => p.ToArray()).ToList();
        if (pages.Count < 2 || linesPerZone == 0)
        {
            return result;
        }

        var threshold = Math.Max(2, (int)Math.Floor(pages.Count * minShare) + 1);
        var topCounts = CountZoneKeys(pages, linesPerZone, fromTop: true);
        var bottomCounts = CountZoneKeys(pages, linesPerZone, fromTop: false);

        for (var p = 0; p < result.Count; p++)
        {
            var lines = result[p];
            foreach (var index in ZoneIndexes(lines, linesPerZone, fromTop: true))
            {
                if (topCounts.GetValueOrDefault(Key(lines[index])) >= threshold)
                {
                    lines[index] = string.Empty;
                }
            }

            foreach (var index in ZoneIndexes(lines, linesPerZone, fromTop: false))
            {
                if (bottomCounts.GetValueOrDefault(Key(lines[index])) >= threshold)
                {
                    lines[index] = string.Empty;
                }
            }

            // Very short pages (slides, forms) can consist only of lines that look like running heads; a page is
            // never emptied, so its content is not lost.
            if (lines.All(string.IsNullOrWhiteSpace) && pages[p].Any(l => !string.IsNullOrWhiteSpace(l)))
            {
                result[p] = pages[p].ToArray();
            }
        }

        return result;
    }

    private const int MaxMaskedLineLength = 80;

    internal static string Key(string line)
    {
        var trimmed = line.Trim();
        if (IsRomanNumeral(trimmed))
        {
            return "#";
        }

        var mask = trimmed.Length <= MaxMaskedLineLength;

        var sb = new StringBuilder(trimmed.Length);
        var previousDigit = false;
        var previousSpace = false;
        foreach (var c in trimmed)
        {
            if (mask && char.IsDigit(c))
            {
                if (!previousDigit)
                {
                    sb.Append('#');
                }

                previousDigit = true;
                previousSpace = false;
                continue;
            }

            previousDigit = false;
            if (char.IsWhiteSpace(c))
            {
                if (!previousSpace)
                {
                    sb.Append(' ');
                }

                previousSpace = true;
                continue;
            }

            previousSpace = false;
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    private static Dictionary<string, int> CountZoneKeys(IReadOnlyList<string[]> pages, int linesPerZone, bool fromTop)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var lines in pages)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var index in ZoneIndexes(lines, linesPerZone, fromTop))
            {
                var key = Key(lines[index]);
                if (seen.Add(key))
                {
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        return counts;
    }

    private static List<int> ZoneIndexes(string[] lines, int linesPerZone, bool fromTop)
    {
        var indexes = new List<int>(linesPerZone);
        for (var step = 0; step < lines.Length && indexes.Count < linesPerZone; step++)
        {
            var i = fromTop ? step : lines.Length - 1 - step;
            if (!string.IsNullOrWhiteSpace(lines[i]))
            {
                indexes.Add(i);
            }
        }

        return indexes;
    }

    private static bool IsRomanNumeral(string s) =>
        s.Length is > 0 and <= 6 && s.All(c => "ivxlcIVXLC".Contains(c, StringComparison.Ordinal)) &&
        (s.All(char.IsLower) || s.All(char.IsUpper));
}
