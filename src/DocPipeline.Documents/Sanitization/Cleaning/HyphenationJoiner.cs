using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Cleaning;

/// <summary>
/// Rejoins words that typesetting split across a line break. A hyphen at a line end is ambiguous ("docu-ment" vs
/// "well-known"); the document's own vocabulary decides first, then lists of common compound parts, and otherwise
/// the word is joined because line-end hyphens in extracted text are mostly typesetting.
/// </summary>
internal static partial class HyphenationJoiner
{
    private static readonly HashSet<string> CompoundHeads = new(StringComparer.Ordinal)
    {
        "well", "self", "non", "ex", "all", "half", "semi", "quasi", "cross", "full", "high", "low", "long", "short",
        "world", "state", "co", "anti", "multi", "so", "one", "two", "three", "four", "five", "first", "second",
        "third", "user", "end", "real", "open", "top", "small", "large", "mid", "e", "x", "t", "up", "on", "off",
        "follow", "built", "check", "log", "sign", "set", "opt", "pick", "drop", "day", "year", "month", "week",
    };

    private static readonly HashSet<string> CompoundTails = new(StringComparer.Ordinal)
    {
        "based", "related", "like", "free", "wide", "friendly", "specific", "level", "oriented", "driven", "owned",
        "scale", "term", "known", "made", "party", "time", "up", "in", "out", "off", "on", "over", "down", "to",
        "date", "world", "class", "sized", "style", "type", "way", "end", "hand", "house", "line", "site", "only",
    };

    public static string Join(string text)
    {
        if (!text.Contains("-\n", StringComparison.Ordinal) &&
            !text.Contains("-\r\n", StringComparison.Ordinal) &&
            !text.Contains(TextCleaner.SoftHyphen, StringComparison.Ordinal))
        {
            return text;
        }

        HashSet<string>? vocabulary = null;
        return LineEndHyphen().Replace(text, m =>
        {
            var left = m.Groups["left"].Value;
            var right = m.Groups["right"].Value;
            if (m.Groups["hy"].Value[0] == TextCleaner.SoftHyphen)
            {
                return left + right;
            }

            vocabulary ??= BuildVocabulary(text);
            return KeepHyphen(text, m.Index, left, right, vocabulary) ? left + "-" + right : left + right;
        });
    }

    private static bool KeepHyphen(string text, int leftStart, string left, string right, HashSet<string> vocabulary)
    {
        if (leftStart > 0 && text[leftStart - 1] == '-')
        {
            // Part of a chain such as "state-of-the-art".
            return true;
        }

        var l = left.ToLowerInvariant();
        var r = right.ToLowerInvariant();
        if (vocabulary.Contains(l + "-" + r))
        {
            return true;
        }

        if (vocabulary.Contains(l + r))
        {
            return false;
        }

        return CompoundHeads.Contains(l) || CompoundTails.Contains(r);
    }

    private static HashSet<string> BuildVocabulary(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match w in Word().Matches(text))
        {
            // A word right before or after a line break may itself be a fragment; do not let it vote.
            var end = w.Index + w.Length;
            if (end < text.Length && text[end] == '\n' && w.Value.EndsWith('-'))
            {
                continue;
            }

            words.Add(w.Value.ToLowerInvariant());
        }

        return words;
    }

    [GeneratedRegex(@"(?<![\p{L}\p{M}])(?<left>\p{L}[\p{L}\p{M}]*)(?<hy>[-\u00AD])[ \t]*\r?\n[ \t]*(?<right>\p{Ll}[\p{L}\p{M}]*)", RegexOptions.CultureInvariant)]
    private static partial Regex LineEndHyphen();

    [GeneratedRegex(@"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*-?", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
