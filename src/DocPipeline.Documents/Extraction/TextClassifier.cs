using System.Text.Json;
using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Extraction;

/// <summary>Tells the text formats apart by looking at decoded content: markup, JSON syntax, Markdown markers, delimiter shape.</summary>
internal static partial class TextClassifier
{
    private const int HeadWindow = 4096;
    private const int SampleLines = 200;
    private const int MaxLineLength = 2000;

    public static DocumentKind Classify(string text, int maxDepth)
    {
        var start = SkipWhitespace(text, 0);
        var head = text.AsSpan(start, Math.Min(HeadWindow, text.Length - start));

        if (LooksLikeMarkup(head) is { } markup)
        {
            return markup;
        }

        if (head.Length > 0 && head[0] is '{' or '[' && (IsJson(text, maxDepth) || IsJsonLines(text, maxDepth)))
        {
            return DocumentKind.Json;
        }

        var lines = SampleOf(text);
        if (IsMarkdown(lines))
        {
            return DocumentKind.Markdown;
        }

        return DelimitedShape.IsDelimited(lines) ? DocumentKind.Csv : DocumentKind.Text;
    }

    /// <summary>The first level-one ATX heading, used as the title of a Markdown document.</summary>
    public static string? MarkdownTitle(string text)
    {
        foreach (var line in SampleOf(text))
        {
            var match = TitleHeading().Match(line);
            if (match.Success)
            {
                return match.Groups[1].Value.Trim();
            }
        }

        return null;
    }

    private static bool IsJson(string text, int maxDepth)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = maxDepth });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsJsonLines(string text, int maxDepth)
    {
        var any = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (trimmed.IsEmpty)
            {
                continue;
            }

            if (trimmed[0] != '{')
            {
                return false;
            }

            var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(trimmed.ToArray()), new JsonReaderOptions { MaxDepth = maxDepth });
            try
            {
                if (!JsonDocument.TryParseValue(ref reader, out var document))
                {
                    return false;
                }

                document.Dispose();
            }
            catch (JsonException)
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static DocumentKind? LooksLikeMarkup(ReadOnlySpan<char> head)
    {
        if (head.IsEmpty || head[0] != '<')
        {
            return null;
        }

        var lower = head.ToString().ToLowerInvariant();
        if (lower.StartsWith("<svg", StringComparison.Ordinal) || (lower.StartsWith("<?xml", StringComparison.Ordinal) && lower.Contains("<svg", StringComparison.Ordinal) && !lower.Contains("<html", StringComparison.Ordinal)))
        {
            throw Rejections.Unsupported("SVG image", "Images are not read; upload the document the image came from.");
        }

        if (lower.Contains("<!doctype html", StringComparison.Ordinal) || lower.Contains("<html", StringComparison.Ordinal)
            || lower.Contains("<head", StringComparison.Ordinal) || lower.Contains("<body", StringComparison.Ordinal))
        {
            return DocumentKind.Html;
        }

        return CommonTag().Count(lower) >= 2 ? DocumentKind.Html : null;
    }

    private static bool IsMarkdown(List<string> lines)
    {
        int headings = 0, lists = 0, links = 0, fences = 0, quotes = 0, emphasis = 0, tables = 0;
        foreach (var line in lines)
        {
            if (Heading().IsMatch(line)) headings++;
            if (ListItem().IsMatch(line)) lists++;
            if (Link().IsMatch(line)) links++;
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal)) fences++;
            if (line.StartsWith("> ", StringComparison.Ordinal)) quotes++;
            if (Emphasis().IsMatch(line)) emphasis++;
            if (TableSeparator().IsMatch(line)) tables++;
        }

        var kinds = new[] { headings, lists, links, fences, quotes, emphasis, tables }.Count(n => n > 0);
        return kinds >= 2 || headings >= 2 || fences >= 2 || tables > 0;
    }

    private static List<string> SampleOf(string text)
    {
        var lines = new List<string>(SampleLines);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (lines.Count == SampleLines)
            {
                break;
            }

            lines.Add(line.Length > MaxLineLength ? line[..MaxLineLength].ToString() : line.ToString());
        }

        return lines;
    }

    private static int SkipWhitespace(string text, int index)
    {
        while (index < text.Length && (char.IsWhiteSpace(text[index]) || text[index] == '\uFEFF'))
        {
            index++;
        }

        return index;
    }

    [GeneratedRegex(@"<(p|div|span|a|br|table|tr|td|th|h[1-6]|ul|ol|li|strong|em|b|i|img|section|article|meta|link|title|style|script|header|footer|nav|main)[\s>/]")]
    private static partial Regex CommonTag();

    [GeneratedRegex(@"^#{1,6}\s+\S")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^#\s+(\S.*)$")]
    private static partial Regex TitleHeading();

    [GeneratedRegex(@"^\s{0,3}([-*+]|\d{1,3}[.)])\s+\S")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"!?\[[^\]\n]+\]\([^)\s]+\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__)[^*_\s][^*_]*\1")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")]
    private static partial Regex TableSeparator();
}
