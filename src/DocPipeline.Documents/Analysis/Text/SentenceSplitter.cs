namespace DocPipeline.Documents.Analysis.Text;

/// <summary>
/// Splits text into paragraphs and sentences, returning ranges of the original text so that quotes stay verbatim.
/// A sentence ends at <c>. ! ?</c> (with closing quotes or brackets) before whitespace and a capital, digit or
/// quote, except after known abbreviations, initials and day numbers ("15. März"). Line breaks end a sentence when
/// the line looks complete (terminal punctuation, a short heading-like line, or a bullet next).
/// </summary>
internal static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "inc", "ltd", "co", "corp", "no", "nr", "vs", "etc", "e.g", "i.e",
        "approx", "fig", "art", "abs", "vol", "pp", "p", "ca", "z.b", "u.a", "bzw", "ggf", "vgl", "mme", "mlle", "sig", "dott",
        "sra", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "dept", "est", "max",
        "min", "tel", "ref", "incl", "excl", "resp", "cf", "al", "ed", "eds", "rev", "gen", "hon", "u.s", "u.k", "a.m", "p.m",
    };

    private static readonly HashSet<string> GermanOrdinalLeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "am", "im", "vom", "zum", "zur", "der", "die", "das", "den", "dem", "des", "ab", "bis", "seit", "per",
    };

    /// <summary>Paragraphs: runs of text separated by blank lines, trimmed.</summary>
    public static List<TextSpan> Paragraphs(string text) => Paragraphs(text, 0, text.Length);

    public static List<TextSpan> Paragraphs(string text, int start, int end)
    {
        var result = new List<TextSpan>();
        var i = start;
        while (i < end)
        {
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= end)
            {
                break;
            }

            var paragraphStart = i;
            var paragraphEnd = i;
            while (i < end)
            {
                if (text[i] == '\n' && IsBlankLineAhead(text, i + 1, end))
                {
                    break;
                }

                if (!char.IsWhiteSpace(text[i]))
                {
                    paragraphEnd = i + 1;
                }

                i++;
            }

            result.Add(new TextSpan(paragraphStart, paragraphEnd - paragraphStart));
        }

        return result;
    }

    /// <summary>Sentences of the whole text, in order, trimmed.</summary>
    public static List<TextSpan> Sentences(string text) => Sentences(text, 0, text.Length);

    public static List<TextSpan> Sentences(string text, int start, int end)
    {
        var result = new List<TextSpan>();
        foreach (var paragraph in Paragraphs(text, start, end))
        {
            SplitParagraph(text, paragraph, result);
        }

        return result;
    }

    private static void SplitParagraph(string text, TextSpan paragraph, List<TextSpan> sink)
    {
        var sentenceStart = paragraph.Start;
        var end = paragraph.End;
        for (var i = paragraph.Start; i < end; i++)
        {
            var c = text[i];
            int boundary;
            if (c == '\n')
            {
                if (!LineBreakEndsSentence(text, i, paragraph))
                {
                    continue;
                }

                boundary = i;
            }
            else if (c is '.' or '!' or '?' or '。' or '！' or '？')
            {
                var after = i + 1;
                while (after < end && text[after] is '"' or '\'' or ')' or ']' or '»' or '\u201D' or '\u2019' or '.' or '!' or '?')
                {
                    after++;
                }

                if (c is '。' or '！' or '？')
                {
                    boundary = after;
                }
                else if (after < end && char.IsWhiteSpace(text[after]) && StartsSentence(text, after, end) && !IsAbbreviation(text, i, sentenceStart, c))
                {
                    boundary = after;
                }
                else
                {
                    continue;
                }

                i = after - 1;
            }
            else
            {
                continue;
            }

            Add(text, sentenceStart, boundary, sink);
            sentenceStart = boundary;
        }

        Add(text, sentenceStart, end, sink);
    }

    private static void Add(string text, int start, int end, List<TextSpan> sink)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sink.Add(new TextSpan(start, end - start));
        }
    }

    private static bool StartsSentence(string text, int whitespaceAt, int end)
    {
        var j = whitespaceAt;
        while (j < end && char.IsWhiteSpace(text[j]))
        {
            j++;
        }

        if (j >= end)
        {
            return true;
        }

        var c = text[j];
        return char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '(' or '[' or '\u201C' or '\u201E' or '«' or '¿' or '¡' or '-' or '•' or '*' ||
               char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherLetter;
    }

    private static bool IsAbbreviation(string text, int dotIndex, int sentenceStart, char mark)
    {
        if (mark != '.')
        {
            return false;
        }

        var j = dotIndex;
        while (j > sentenceStart && (char.IsLetterOrDigit(text[j - 1]) || text[j - 1] == '.'))
        {
            j--;
        }

        var word = text[j..dotIndex];
        if (word.Length == 0)
        {
            return false;
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial, as in "J. Smith"
        }

        if (word.All(char.IsDigit) && word.Length <= 2)
        {
            return IsGermanOrdinal(text, j, dotIndex);
        }

        // Dotted letter groups such as "e.g" or "z.B" are abbreviations; dotted numbers ("1,000.00") are not.
        return Abbreviations.Contains(word) || (word.Contains('.', StringComparison.Ordinal) && word.Length <= 6 && word.All(c => c == '.' || char.IsLetter(c)));
    }

    /// <summary>
    /// "am 15. März", "im 3. Quartal": a day or ordinal number with a full stop, recognised by a month name after it
    /// or a German article or preposition before it. Elsewhere "… region 1. Next" ends a sentence.
    /// </summary>
    private static bool IsGermanOrdinal(string text, int numberStart, int dotIndex)
    {
        var next = dotIndex + 1;
        while (next < text.Length && text[next] == ' ')
        {
            next++;
        }

        var nextEnd = next;
        while (nextEnd < text.Length && char.IsLetter(text[nextEnd]))
        {
            nextEnd++;
        }

        if (nextEnd > next && MonthNames.All.ContainsKey(text[next..nextEnd]))
        {
            return true;
        }

        var previousEnd = numberStart;
        while (previousEnd > 0 && text[previousEnd - 1] == ' ')
        {
            previousEnd--;
        }

        var previousStart = previousEnd;
        while (previousStart > 0 && char.IsLetter(text[previousStart - 1]))
        {
            previousStart--;
        }

        return GermanOrdinalLeads.Contains(text[previousStart..previousEnd]);
    }

    private static bool LineBreakEndsSentence(string text, int newline, TextSpan paragraph)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(newline - 1, paragraph.Start)) + 1;
        lineStart = Math.Max(lineStart, paragraph.Start);
        var line = text.AsSpan(lineStart, newline - lineStart).Trim();
        var next = newline + 1;
        while (next < paragraph.End && text[next] is ' ' or '\t')
        {
            next++;
        }

        if (line.Length == 0 || next >= paragraph.End)
        {
            return true;
        }

        var last = line[^1];
        var first = text[next];
        if (last is '.' or '!' or '?' or ':' or ';' or '"' or '\u201D')
        {
            return true;
        }

        if (first is '-' or '*' or '•' or '–' || IsNumberedItem(text, next, paragraph.End))
        {
            return true;
        }

        if (char.IsLower(first) || last is ',' or '-' or '(' or '&')
        {
            return false;
        }

        return line.Length < 50;
    }

    private static bool IsNumberedItem(string text, int at, int end)
    {
        var j = at;
        while (j < end && char.IsDigit(text[j]))
        {
            j++;
        }

        return j > at && j - at <= 3 && j + 1 < end && text[j] is '.' or ')' && text[j + 1] == ' ';
    }

    private static bool IsBlankLineAhead(string text, int from, int end)
    {
        for (var j = from; j < end; j++)
        {
            if (text[j] == '\n')
            {
                return true;
            }

            if (!char.IsWhiteSpace(text[j]))
            {
                return false;
            }
        }

        return true;
    }
}
