using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Analysis.Offline;

internal readonly record struct Token(int Start, string Surface, string Lower);

/// <summary>Word tokens (letters, digits, inner apostrophes and hyphens); placeholders such as <c>[EMAIL_1]</c> are skipped.</summary>
internal static partial class Tokenizer
{
    public static List<Token> Tokens(string text, int start, int length)
    {
        var segment = text.Substring(start, length);
        var placeholders = Placeholder().Matches(segment);
        var tokens = new List<Token>();
        var p = 0;
        foreach (Match m in Word().Matches(segment))
        {
            while (p < placeholders.Count && placeholders[p].Index + placeholders[p].Length <= m.Index)
            {
                p++;
            }

            if (p < placeholders.Count && m.Index >= placeholders[p].Index)
            {
                continue;
            }

            tokens.Add(new Token(start + m.Index, m.Value, m.Value.ToLowerInvariant()));
        }

        return tokens;
    }

    public static MatchCollection Placeholders(string text) => Placeholder().Matches(text);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"\[(?<label>[A-Z][A-Z_]*)_(?<n>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
