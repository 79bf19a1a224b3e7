using System.Globalization;
using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Analysis.Text;

/// <summary>
/// Reads written numbers whose separators vary by locale: <c>1,234.50</c>, <c>1.234,50</c>, <c>1'234.50</c>,
/// <c>1 234,50</c>. When a string has more than one plausible reading, every reading is returned so that a
/// comparison can succeed on any of them.
/// </summary>
internal static partial class NumberReading
{
    public static IReadOnlyList<Match> FindTokens(string text) => NumberToken().Matches(text);

    /// <summary>All plausible values of a number token, normalised so that 1.50 and 1.5 compare equal.</summary>
    public static List<decimal> Values(string token)
    {
        var values = new List<decimal>(2);
        var cleaned = token.Replace("'", string.Empty, StringComparison.Ordinal)
            .Replace("\u2019", string.Empty, StringComparison.Ordinal)
            .Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("\u00A0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202F", string.Empty, StringComparison.Ordinal);

        // Reading A: comma groups thousands, dot is decimal. Reading B: the other way round.
        TryAdd(values, cleaned.Replace(",", string.Empty, StringComparison.Ordinal));
        TryAdd(values, cleaned.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.'));
        return values;
    }

    /// <summary>The most likely single value of a token, given how its separators are used.</summary>
    public static decimal? BestValue(string token)
    {
        var cleaned = token.Replace("'", string.Empty, StringComparison.Ordinal)
            .Replace("\u2019", string.Empty, StringComparison.Ordinal)
            .Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("\u00A0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202F", string.Empty, StringComparison.Ordinal);
        var lastDot = cleaned.LastIndexOf('.');
        var lastComma = cleaned.LastIndexOf(',');
        string invariant;
        if (lastDot >= 0 && lastComma >= 0)
        {
            invariant = lastDot > lastComma
                ? cleaned.Replace(",", string.Empty, StringComparison.Ordinal)
                : cleaned.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.');
        }
        else if (lastComma >= 0)
        {
            var decimals = cleaned.Length - lastComma - 1;
            var single = cleaned.IndexOf(',') == lastComma;
            invariant = single && decimals != 3 ? cleaned.Replace(',', '.') : cleaned.Replace(",", string.Empty, StringComparison.Ordinal);
        }
        else if (lastDot >= 0)
        {
            var single = cleaned.IndexOf('.') == lastDot;
            var decimals = cleaned.Length - lastDot - 1;
            invariant = single && decimals != 3 ? cleaned : single && cleaned.StartsWith("0.", StringComparison.Ordinal) ? cleaned : cleaned.Replace(".", string.Empty, StringComparison.Ordinal);
        }
        else
        {
            invariant = cleaned;
        }

        return decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
            ? Normalize(v)
            : null;
    }

    public static decimal Normalize(decimal value) => value / 1.0000000000000000000000000000m;

    private static void TryAdd(List<decimal> values, string invariant)
    {
        if (invariant.Count(c => c == '.') <= 1 &&
            decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
        {
            var n = Normalize(v);
            if (!values.Contains(n))
            {
                values.Add(n);
            }
        }
    }

    [GeneratedRegex(@"(?<![\p{L}\d])\d+(?:[.,'\u2019]\d+)*", RegexOptions.CultureInvariant)]
    private static partial Regex NumberToken();
}
