using System.Text;

namespace DocPipeline.Documents.Sanitization.Cleaning;

/// <summary>Character- and line-level clean-up of extracted text.</summary>
internal static class TextCleaner
{
    public const char SoftHyphen = '\u00AD';

    /// <summary>
    /// Normalises line endings to <c>\n</c>, drops control and invisible characters (keeping <c>\n</c>, <c>\t</c> and,
    /// when asked, soft hyphens for the hyphenation step), repairs broken surrogate pairs and optionally folds Unicode.
    /// </summary>
    public static string NormalizeCharacters(string text, bool stripControls, bool foldUnicode, bool keepSoftHyphens)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                sb.Append('\n');
                continue;
            }

            if (stripControls && (UnicodeFolding.IsLineBreak(c) || c == '\f'))
            {
                sb.Append('\n');
                continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[i + 1]);
                    i++;
                }
                else
                {
                    sb.Append('\uFFFD');
                }

                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                sb.Append('\uFFFD');
                continue;
            }

            if (stripControls)
            {
                if (c == SoftHyphen)
                {
                    if (keepSoftHyphens)
                    {
                        sb.Append(c);
                    }

                    continue;
                }

                if ((char.IsControl(c) && c is not '\n' and not '\t') || UnicodeFolding.IsInvisibleFormatting(c))
                {
                    continue;
                }
            }

            if (foldUnicode && (UnicodeFolding.TryAppendFolded(sb, c) || UnicodeFolding.TryCompose(sb, c)))
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Trims every line and collapses runs of spaces inside lines to one space.</summary>
    public static string TidyLines(string text)
    {
        var sb = new StringBuilder(text.Length);
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            if (l > 0)
            {
                sb.Append('\n');
            }

            var line = lines[l].AsSpan().Trim(" \t");
            var previousSpace = false;
            foreach (var c in line)
            {
                if (c == ' ')
                {
                    if (!previousSpace)
                    {
                        sb.Append(' ');
                    }

                    previousSpace = true;
                }
                else
                {
                    sb.Append(c);
                    previousSpace = false;
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>Shortens runs of blank lines to <paramref name="maxBlankLines"/> and trims blank lines at both ends.</summary>
    public static string CollapseBlankLines(string text, int maxBlankLines)
    {
        var lines = text.Split('\n');
        var sb = new StringBuilder(text.Length);
        var blankRun = 0;
        var started = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blankRun++;
                continue;
            }

            if (started)
            {
                sb.Append('\n');
                for (var b = 0; b < Math.Min(blankRun, maxBlankLines); b++)
                {
                    sb.Append('\n');
                }
            }

            sb.Append(line);
            started = true;
            blankRun = 0;
        }

        return sb.ToString();
    }

    public static string RemoveSoftHyphens(string text) =>
        text.Contains(SoftHyphen, StringComparison.Ordinal) ? text.Replace(SoftHyphen.ToString(), string.Empty, StringComparison.Ordinal) : text;
}
