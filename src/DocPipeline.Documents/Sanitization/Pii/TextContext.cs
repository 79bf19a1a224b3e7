namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>Reads the text around a match on the same line, which is where labels such as "Tel:" live.</summary>
internal static class TextContext
{
    public static string Before(string text, int index, int maxChars)
    {
        var start = index;
        while (start > 0 && index - start < maxChars && text[start - 1] != '\n')
        {
            start--;
        }

        return text[start..index];
    }

    public static string After(string text, int index, int maxChars)
    {
        var end = index;
        while (end < text.Length && end - index < maxChars && text[end] != '\n')
        {
            end++;
        }

        return text[index..end];
    }

    public static string DigitsOnly(ReadOnlySpan<char> value)
    {
        Span<char> buffer = value.Length <= 256 ? stackalloc char[value.Length] : new char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (c is >= '0' and <= '9')
            {
                buffer[n++] = c;
            }
        }

        return new string(buffer[..n]);
    }
}
