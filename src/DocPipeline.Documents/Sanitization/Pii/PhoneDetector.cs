using System.Text.RegularExpressions;
using DocPipeline.Documents.Analysis.Text;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Telephone numbers. A loose pattern finds runs of digit groups; each run is then read as one or more numbers by
/// shape: international (<c>+44 20 7946 0958</c>, <c>0044 …</c>), area code in brackets (<c>(555) 123-4567</c>),
/// North American 3-3-4, national numbers with a trunk 0 (<c>020 7946 0958</c>, <c>01 23 45 67 89</c>), or any
/// 7–15 digits after a phone label. Dates, ISBNs, versions, amounts and labelled order/reference numbers fail
/// these shapes.
/// </summary>
internal static partial class PhoneDetector
{
    private readonly record struct Group(int Start, int End, int Digits, bool Paren, char SeparatorBefore);

    public static void Find(string text, List<PiiCandidate> sink)
    {
        List<DateMention>? dates = null;
        foreach (Match m in Candidate().Matches(text))
        {
            var plus = m.Value[0] == '+';
            var groups = Split(text, m);
            dates ??= DateMentions.Find(text);
            var inDate = groups.Select(g => OverlapsDate(dates, g.Start, g.End)).ToArray();
            var i = 0;
            while (i < groups.Count)
            {
                var accepted = false;
                for (var j = groups.Count - 1; j >= i; j--)
                {
                    var withPlus = plus && i == 0;
                    if (IsStandalone(groups, i, j, inDate) && IsPhone(text, groups, i, j, withPlus, m.Index))
                    {
                        var start = withPlus ? m.Index : groups[i].Start;
                        var end = groups[j].End;
                        var digits = TextContext.DigitsOnly(text.AsSpan(start, end - start));
                        sink.Add(new PiiCandidate(PiiType.Phone, start, end - start, digits));
                        i = j + 1;
                        accepted = true;
                        break;
                    }
                }

                if (!accepted)
                {
                    i++;
                }
            }
        }
    }

    /// <summary>
    /// A reading taken from part of a digit run must be set off by spaces: a number joined to its neighbours by
    /// <c>-</c>, <c>.</c> or <c>/</c> belongs to a longer token (a date, a code), and no group of a date may be used.
    /// </summary>
    private static bool IsStandalone(List<Group> groups, int first, int last, bool[] inDate)
    {
        for (var k = first; k <= last; k++)
        {
            if (inDate[k])
            {
                return false;
            }
        }

        var openBefore = first == 0 || groups[first].SeparatorBefore == ' ';
        var openAfter = last == groups.Count - 1 || groups[last + 1].SeparatorBefore == ' ';
        return openBefore && openAfter;
    }

    private static bool OverlapsDate(List<DateMention> dates, int start, int end)
    {
        foreach (var date in dates)
        {
            if (date.Start < end && start < date.End)
            {
                return true;
            }
        }

        return false;
    }

    private static List<Group> Split(string text, Match m)
    {
        var groups = new List<Group>();
        var pos = m.Index;
        var end = m.Index + m.Length;
        var separator = '\0';
        while (pos < end)
        {
            var c = text[pos];
            if (c == '(')
            {
                var close = text.IndexOf(')', pos);
                groups.Add(new Group(pos, close + 1, close - pos - 1, true, separator));
                separator = '\0';
                pos = close + 1;
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = pos;
                while (pos < end && char.IsAsciiDigit(text[pos]))
                {
                    pos++;
                }

                groups.Add(new Group(start, pos, pos - start, false, separator));
                separator = '\0';
            }
            else
            {
                if (c != ' ' || separator == '\0')
                {
                    separator = c;
                }

                pos++;
            }
        }

        return groups;
    }

    /// <remarks>
    /// Labels are read both right before this reading and before the whole digit run, so that the tail of a labelled
    /// tracking or order number is not mistaken for a phone number.
    /// </remarks>
    private static bool IsPhone(string text, List<Group> groups, int first, int last, bool plus, int runStart)
    {
        var count = last - first + 1;
        var g = groups.GetRange(first, count);
        var digits = g.Sum(x => x.Digits);
        var start = plus ? runStart : g[0].Start;
        var before = TextContext.Before(text, start, 40);
        var beforeRun = start == runStart ? before : TextContext.Before(text, runStart, 40);
        var labelled = ContextLabels.IsPhoneLabel(before) || ContextLabels.IsPhoneLabel(beforeRun);
        var otherLabel = ContextLabels.IsOtherNumberLabel(before) || ContextLabels.IsOtherNumberLabel(beforeRun) ||
                         ContextLabels.IsGenericNumberLabel(before) || ContextLabels.IsGenericNumberLabel(beforeRun);
        if (digits > 15 || g[^1].Digits < 2 || g[^1].Paren || (!labelled && otherLabel))
        {
            return false;
        }

        if (IsFollowedByUnitOrAmount(text, g[^1].End) || IsPrecededByCurrency(before) || (!labelled && (FollowsMixedCode(before) || FollowsMixedCode(beforeRun))))
        {
            return false;
        }

        var separators = g.Skip(1).Select(x => x.SeparatorBefore).Where(c => c != '\0').Distinct().ToList();
        if (separators.Contains('.') && separators.Count > 1)
        {
            return false;
        }

        if (LooksLikeDate(g, separators))
        {
            return false;
        }

        for (var k = 1; k < count; k++)
        {
            // One-digit groups appear only as "(0)" or as the area code right after a country code (+33 1 …, +46 8 …).
            if (g[k].Digits < 2 && !(g[k].Paren && g[k].Digits == 1) && !(plus && k == 1))
            {
                return false;
            }
        }

        var firstDigits = text.AsSpan(g[0].Paren ? g[0].Start + 1 : g[0].Start, g[0].Digits);
        if (plus)
        {
            return digits is >= 8 and <= 15 && (count > 1 || digits >= 10);
        }

        if (firstDigits.StartsWith("00") && !g[0].Paren && count > 1 && digits is >= 10 and <= 15 && firstDigits.Length >= 3 && firstDigits[2] != '0')
        {
            return true;
        }

        if (g[0].Paren && count > 1 && digits is 10 or 11)
        {
            return true;
        }

        if (IsNorthAmerican(g, firstDigits, separators))
        {
            return true;
        }

        if (firstDigits[0] == '0' && !g[0].Paren && digits is 10 or 11 && count is >= 2 and <= 5 && g.All(x => x.Digits >= 2) &&
            separators.All(c => c is ' ' or '-' or '/'))
        {
            return true;
        }

        return labelled && digits is >= 7 and <= 15;
    }

    private static bool IsNorthAmerican(List<Group> g, ReadOnlySpan<char> firstDigits, List<char> separators)
    {
        var shape = string.Join(",", g.Select(x => x.Digits));
        var areaIndex = shape switch
        {
            "3,3,4" => 0,
            "1,3,3,4" when firstDigits is "1" => 1,
            _ => -1,
        };

        if (areaIndex < 0 || separators.Count > 2)
        {
            return false;
        }

        return separators.Count <= 1 || g[areaIndex].Paren;
    }

    private static bool LooksLikeDate(List<Group> g, List<char> separators)
    {
        if (g.Count != 3 || g.Any(x => x.Paren) || separators.Count != 1 || separators[0] is not ('.' or '-' or '/'))
        {
            return false;
        }

        return (g[0].Digits <= 2 && g[1].Digits <= 2 && g[2].Digits is 2 or 4) ||
               (g[0].Digits == 4 && g[1].Digits <= 2 && g[2].Digits <= 2);
    }

    private static bool IsFollowedByUnitOrAmount(string text, int end)
    {
        var after = TextContext.After(text, end, 6).TrimStart();
        return after.StartsWith('%') || after.StartsWith('€') || after.StartsWith('$') ||
               after.StartsWith("EUR", StringComparison.Ordinal) || after.StartsWith("USD", StringComparison.Ordinal) ||
               after.StartsWith("GBP", StringComparison.Ordinal) || (text.Length > end + 1 && text[end] is '.' or ',' && char.IsAsciiDigit(text[end + 1]));
    }

    /// <summary>A code such as "AA1" right before the digits means they continue a tracking or product code.</summary>
    private static bool FollowsMixedCode(string before) => MixedCodeAtEnd().IsMatch(before);

    private static bool IsPrecededByCurrency(string before)
    {
        var b = before.TrimEnd();
        return b.EndsWith('$') || b.EndsWith('€') || b.EndsWith('£') || b.EndsWith('¥') ||
               b.EndsWith("EUR", StringComparison.Ordinal) || b.EndsWith("USD", StringComparison.Ordinal) || b.EndsWith("GBP", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?:\p{L}+\d|\d+\p{L})[\p{L}\d]*[ \-]$", RegexOptions.CultureInvariant)]
    private static partial Regex MixedCodeAtEnd();

    [GeneratedRegex(
        @"(?<![\w+@/\\#$€£¥.\-])(?<!\d[.,:/] ?)(?:\+ ?)?(?:\(\d{1,5}\)|\d{1,12}(?!\d))(?:(?:[ ]?[.\-/][ ]?|[ ]{1,2})?(?:\(\d{1,5}\)|\d{1,12}(?!\d))){0,7}(?![\w@])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Candidate();
}
