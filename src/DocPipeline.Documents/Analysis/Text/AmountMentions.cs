using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Analysis.Text;

/// <summary>A monetary amount found in text.</summary>
internal sealed record AmountMention(int Start, int Length, string Text, decimal Value, string? Currency);

/// <summary>
/// Finds money: a currency symbol or ISO code before or after a number (<c>$1,200.50</c>, <c>EUR 99</c>,
/// <c>1.234,50 €</c>), with an optional scale word (<c>€3.5 million</c>, <c>$2bn</c>).
/// </summary>
internal static partial class AmountMentions
{
    private static readonly Dictionary<string, string?> CurrencyBySymbol = new(StringComparer.OrdinalIgnoreCase)
    {
        ["$"] = "USD", ["US$"] = "USD", ["USD"] = "USD", ["A$"] = "AUD", ["AU$"] = "AUD", ["C$"] = "CAD", ["CA$"] = "CAD",
        ["€"] = "EUR", ["EUR"] = "EUR", ["£"] = "GBP", ["GBP"] = "GBP", ["¥"] = "JPY", ["JPY"] = "JPY", ["₹"] = "INR",
        ["INR"] = "INR", ["₩"] = "KRW", ["KRW"] = "KRW", ["₽"] = "RUB", ["RUB"] = "RUB", ["R$"] = "BRL", ["BRL"] = "BRL",
        ["CHF"] = "CHF", ["CAD"] = "CAD", ["AUD"] = "AUD", ["NZD"] = "NZD", ["CNY"] = "CNY", ["SEK"] = "SEK", ["NOK"] = "NOK",
        ["DKK"] = "DKK", ["PLN"] = "PLN", ["CZK"] = "CZK", ["HUF"] = "HUF", ["MXN"] = "MXN", ["ZAR"] = "ZAR", ["SGD"] = "SGD",
        ["HKD"] = "HKD", ["TRY"] = "TRY", ["AED"] = "AED", ["SAR"] = "SAR",
        ["dollars"] = "USD", ["euros"] = "EUR", ["euro"] = "EUR", ["pounds"] = "GBP",
    };

    public static List<AmountMention> Find(string text)
    {
        var result = new List<AmountMention>();
        var lastEnd = -1;
        foreach (Match m in Amount().Matches(text))
        {
            if (m.Index < lastEnd)
            {
                continue;
            }

            var symbol = m.Groups["pre"].Success ? m.Groups["pre"].Value : m.Groups["post"].Value;
            var value = NumberReading.BestValue(m.Groups["num"].Value);
            if (value is null)
            {
                continue;
            }

            var scaled = value.Value * Scale(m.Groups["scale"].Value);
            CurrencyBySymbol.TryGetValue(symbol, out var currency);
            result.Add(new AmountMention(m.Index, m.Length, m.Value, NumberReading.Normalize(scaled), currency));
            lastEnd = m.Index + m.Length;
        }

        return result;
    }

    public static decimal Scale(string word) => word.ToLowerInvariant().TrimEnd('.') switch
    {
        "k" or "thousand" or "tsd" => 1_000m,
        "m" or "mn" or "million" or "millions" or "mio" => 1_000_000m,
        "bn" or "b" or "billion" or "billions" or "mrd" => 1_000_000_000m,
        _ => 1m,
    };

    [GeneratedRegex(
        @"(?:(?<![\p{L}\d])(?<pre>US\$|AU\$|CA\$|A\$|C\$|R\$|[$€£¥₹₩₽]|(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|MXN|ZAR|SGD|HKD|TRY|AED|SAR|KRW|RUB|BRL)(?![\p{L}]))[ \u00A0]?(?<num>-?\d{1,3}(?:[,.' \u00A0]\d{3})+(?:[.,]\d{1,2})?|-?\d+(?:[.,]\d{1,2})?)|(?<![\p{L}\d.,])(?<num>-?\d{1,3}(?:[,.' \u00A0]\d{3})+(?:[.,]\d{1,2})?|-?\d+(?:[.,]\d{1,2})?)[ \u00A0]?(?<post>[€£$]|(?:USD|EUR|GBP|CHF|JPY|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|MXN|ZAR|SGD|HKD|TRY|AED|SAR|KRW|RUB|BRL|dollars|euros|euro|pounds)(?![\p{L}])))(?:[ \u00A0]?(?<scale>k|mn|m|bn|million|millions|billion|billions|thousand|Mio\.?|Mrd\.?)(?![\p{L}]))?",
        RegexOptions.CultureInvariant)]
    private static partial Regex Amount();
}
