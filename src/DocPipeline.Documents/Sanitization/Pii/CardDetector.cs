using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>Payment cards: 13–19 digits, optionally grouped by spaces or dashes, with an issuer prefix and a valid Luhn digit.</summary>
internal static partial class CardDetector
{
    public static void Find(string text, List<PiiCandidate> sink)
    {
        foreach (Match m in CardCandidate().Matches(text))
        {
            if (ProductCodeLabel().IsMatch(TextContext.Before(text, m.Index, 30)))
            {
                continue;
            }

            var length = m.Length;
            if (!IsCard(m.Value, out var digits))
            {
                // A card followed by its expiry ("… 1111 12/27") reads as one longer digit run; try without it.
                var lastSeparator = m.Value.LastIndexOfAny([' ', '-']);
                var end = m.Index + m.Length;
                if (lastSeparator < 0 || m.Length - lastSeparator - 1 > 2 || end >= text.Length || text[end] != '/' ||
                    !IsCard(m.Value[..lastSeparator], out digits))
                {
                    continue;
                }

                length = lastSeparator;
            }

            sink.Add(new PiiCandidate(PiiType.Card, m.Index, length, digits));
        }
    }

    private static bool IsCard(string value, out string digits)
    {
        digits = TextContext.DigitsOnly(value);
        return digits.Length is >= 13 and <= 19 && HasConsistentGroups(value) && HasIssuerPrefix(digits) && Checksums.Luhn(digits);
    }

    private static bool HasConsistentGroups(string value)
    {
        var separators = value.Where(c => c is ' ' or '-').Distinct().Count();
        if (separators > 1)
        {
            return false;
        }

        var groups = value.Split(' ', '-');
        return groups.Length == 1 || groups.Take(groups.Length - 1).All(g => g.Length is >= 3 and <= 6);
    }

    private static bool HasIssuerPrefix(string d)
    {
        var length = d.Length;
        int Prefix(int n) => int.Parse(d.AsSpan(0, n), System.Globalization.CultureInfo.InvariantCulture);
        return d[0] switch
        {
            '4' => length is 13 or 16 or 19,
            '5' => Prefix(2) is >= 51 and <= 55 ? length == 16 : length is >= 13 and <= 19 && Prefix(2) is 50 or >= 56,
            '2' => (Prefix(4) is >= 2221 and <= 2720 && length == 16) || (Prefix(4) is >= 2200 and <= 2204 && length >= 16),
            '3' => Prefix(2) switch
            {
                34 or 37 => length == 15,
                35 => Prefix(4) is >= 3528 and <= 3589 && length >= 16,
                36 or 38 or 39 => length >= 14,
                30 => Prefix(3) is >= 300 and <= 305 && length >= 14,
                _ => false,
            },
            '6' => length >= 16 || (length >= 13 && Prefix(2) >= 60),
            _ => false,
        };
    }

    [GeneratedRegex(@"(?i)\b(?:ean|gtin|upc|barcode|isbn|imei|tracking|serial)\b(?:\s*(?:no|nr|number|#))?\.?[^\p{L}\d\n]{0,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProductCodeLabel();

    [GeneratedRegex(@"(?<![\w\-.,])(?<!\d[ \-])\d(?:[ \-]?\d){12,18}(?![ \-]?\d)(?![\w])(?!\.\d)(?!,\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidate();
}
