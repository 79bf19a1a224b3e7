namespace DocPipeline.Documents.Chunking;

/// <summary>
/// Estimates model tokens without a tokenizer. Per character: ASCII 1/4 (about four characters per token for Latin
/// text), other Latin letters 1/3, other scripts of the Basic Multilingual Plane (Greek, Cyrillic, Arabic, Indic…)
/// 1/2, and CJK ideographs, kana, Hangul and characters outside the BMP (emoji) a whole token each. The figures err
/// on the high side for non-English text, so a chunk sized by them fits the model's real budget.
/// </summary>
public static class TokenEstimator
{
    /// <summary>Estimated tokens of <paramref name="text"/>, rounded up.</summary>
    /// <param name="text">Any text.</param>
    /// <returns>0 for empty text, otherwise at least 1.</returns>
    public static int Estimate(ReadOnlySpan<char> text)
    {
        long units = 0;
        foreach (var c in text)
        {
            units += Units(c);
        }

        return ToTokens(units);
    }

    /// <summary>Estimated tokens of <paramref name="text"/>, rounded up.</summary>
    /// <param name="text">Any text; null counts as empty.</param>
    /// <returns>0 for empty text, otherwise at least 1.</returns>
    public static int Estimate(string? text) => Estimate(text.AsSpan());

    /// <summary>Weight of one character in twelfths of a token, so sums stay exact.</summary>
    internal static int Units(char c) => c switch
    {
        < '\u0080' => 3,
        <= '\u024F' or (>= '\u1E00' and <= '\u1EFF') => 4,
        (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or
            (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFF00' and <= '\uFFEF') => 12,
        _ => 6,
    };

    internal static int ToTokens(long units) => (int)((units + 11) / 12);
}
