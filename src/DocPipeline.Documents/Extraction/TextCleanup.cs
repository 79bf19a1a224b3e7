using System.Text;

namespace DocPipeline.Documents.Extraction;

/// <summary>Normalisation shared by the readers: one newline convention, no stray control characters, tidy metadata.</summary>
internal static class TextCleanup
{
    /// <summary>Uses <c>\n</c> line endings, drops control characters other than tab and newline, trims line ends and outer blank lines.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    continue;
                }

                c = '\n';
            }

            if (c == '\n')
            {
                TrimLineEnd(builder, lineStart);
                builder.Append('\n');
                lineStart = builder.Length;
                continue;
            }

            if (c == '\uFEFF' || (char.IsControl(c) && c != '\t'))
            {
                continue;
            }

            builder.Append(c);
        }

        TrimLineEnd(builder, lineStart);
        return builder.ToString().Trim('\n');
    }

    /// <summary>Collapses whitespace in a metadata value and turns blanks into <see langword="null"/>.</summary>
    public static string? Metadata(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void TrimLineEnd(StringBuilder builder, int lineStart)
    {
        while (builder.Length > lineStart && builder[^1] is ' ' or '\t')
        {
            builder.Length--;
        }
    }
}
