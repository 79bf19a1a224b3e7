using System.Globalization;
using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Analysis.Text;

/// <summary>
/// Finds dates: ISO (<c>2024-03-15</c>), numeric day/month/year with <c>.</c>, <c>/</c> or <c>-</c>, and written
/// forms such as <c>15 March 2024</c>, <c>March 15, 2024</c>, <c>15. März 2024</c>, <c>15 de marzo de 2024</c>,
/// and <c>March 2024</c>. Numeric dates with <c>.</c> are read day-first; with <c>/</c> or <c>-</c> both readings
/// are kept when both are valid.
/// </summary>
internal static partial class DateMentions
{
    private static readonly string Months = MonthNames.Alternation(includeAbbreviations: true);
    private static readonly string FullMonths = MonthNames.Alternation(includeAbbreviations: false);

    private static readonly Regex DayMonthYearRegex = new(
        $@"(?<![\p{{L}}\d])(?<d>\d{{1,2}})(?:st|nd|rd|th|er|º|°|\.)?[ \t]+(?:de[ \t]+)?(?<mon>{Months})\.?(?:[ \t]+de)?,?[ \t]+(?<y>\d{{4}})(?!\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex MonthDayYearRegex = new(
        $@"(?<![\p{{L}}\d])(?<mon>{Months})\.?[ \t]+(?<d>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?<y>\d{{4}})(?!\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static readonly Regex MonthYearRegex = new(
        $@"(?<![\p{{L}}\d])(?<mon>{FullMonths})(?:[ \t]+de)?,?[ \t]+(?<y>\d{{4}})(?!\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    public static List<DateMention> Find(string text)
    {
        var found = new List<DateMention>();
        foreach (Match m in IsoDate().Matches(text))
        {
            AddIfValid(found, m, [(Int(m, "y"), Int(m, "m"), Int(m, "d"))], monthOnly: false);
        }

        foreach (Match m in NumericDate().Matches(text))
        {
            var a = Int(m, "a");
            var b = Int(m, "b");
            var y = Year(m.Groups["y"].Value);
            var readings = m.Groups["s"].Value == "." ? [(y, b, a)] : new List<(int, int, int)> { (y, b, a), (y, a, b) };
            AddIfValid(found, m, readings, monthOnly: false);
        }

        foreach (var regex in new[] { DayMonthYearRegex, MonthDayYearRegex })
        {
            foreach (Match m in regex.Matches(text))
            {
                AddIfValid(found, m, [(Int(m, "y"), MonthNames.All[m.Groups["mon"].Value], Int(m, "d"))], monthOnly: false);
            }
        }

        foreach (Match m in MonthYearRegex.Matches(text))
        {
            AddIfValid(found, m, [(Int(m, "y"), MonthNames.All[m.Groups["mon"].Value], 1)], monthOnly: true);
        }

        found.Sort((x, y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : y.Length.CompareTo(x.Length));
        var result = new List<DateMention>(found.Count);
        var lastEnd = -1;
        foreach (var mention in found)
        {
            if (mention.Start >= lastEnd)
            {
                result.Add(mention);
                lastEnd = mention.End;
            }
        }

        return result;
    }

    /// <summary>Length of a date that starts exactly at <paramref name="index"/>, or 0.</summary>
    public static int MatchLengthAt(string text, int index)
    {
        var window = text.Substring(index, Math.Min(40, text.Length - index));
        foreach (var mention in Find(window))
        {
            if (mention.Start == 0)
            {
                return mention.Length;
            }
        }

        return 0;
    }

    private static void AddIfValid(List<DateMention> sink, Match m, IEnumerable<(int Y, int M, int D)> readings, bool monthOnly)
    {
        var dates = new List<DateOnly>();
        foreach (var (y, mo, d) in readings)
        {
            if (y is >= 1000 and <= 2999 && mo is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, mo))
            {
                var date = new DateOnly(y, mo, d);
                if (!dates.Contains(date))
                {
                    dates.Add(date);
                }
            }
        }

        if (dates.Count > 0)
        {
            sink.Add(new DateMention(m.Index, m.Length, dates, monthOnly));
        }
    }

    private static int Int(Match m, string group) => int.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    private static int Year(string digits)
    {
        var y = int.Parse(digits, CultureInfo.InvariantCulture);
        return digits.Length == 2 ? (y < 50 ? 2000 + y : 1900 + y) : y;
    }

    [GeneratedRegex(@"(?<![\d.\-/])(?<y>\d{4})(?<s>[\-/.])(?<m>\d{1,2})\k<s>(?<d>\d{1,2})(?![\d]|[.\-/]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"(?<![\d.,/\-])(?<a>\d{1,2})(?<s>[./\-])(?<b>\d{1,2})\k<s>(?<y>\d{4}|\d{2})(?![\d]|[.,/\-]\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();
}
