namespace DocPipeline.Documents.Extraction;

/// <summary>
/// A single pass over HTML source that estimates element nesting and counts elements before the real parser runs:
/// HTML tree construction costs time proportional to the nesting depth for every element, so deep or huge markup
/// is refused up front instead of occupying a CPU for minutes.
/// </summary>
internal static class MarkupShape
{
    private const string Format = "HTML page";

    // Elements that never hold children or are closed implicitly by their next sibling, so they add no depth.
    private static readonly HashSet<string> Flat = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "tbody", "thead",
        "tfoot", "colgroup", "caption", "html", "head", "body",
    };

    // Elements whose content is raw text, in which '<' does not start a tag.
    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    public static void EnsureWithinLimits(string html, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        // Open elements, innermost last; a stray end tag that matches nothing open is ignored, as parsers do.
        var open = new List<string>();
        var elements = 0;
        var position = html.IndexOf('<', StringComparison.Ordinal);
        while (position >= 0 && position < html.Length - 1)
        {
            var next = html[position + 1];
            if (next == '/')
            {
                var closed = open.FindLastIndex(openName => html.AsSpan(position + 2).StartsWith(openName, StringComparison.OrdinalIgnoreCase)
                    && position + 2 + openName.Length < html.Length && !char.IsAsciiLetterOrDigit(html[position + 2 + openName.Length]));
                if (closed >= 0)
                {
                    open.RemoveRange(closed, open.Count - closed);
                }

                position = html.IndexOf('<', position + 2);
                continue;
            }

            if (next == '!')
            {
                var close = html.AsSpan(position).StartsWith("<!--", StringComparison.Ordinal)
                    ? html.IndexOf("-->", position + 4, StringComparison.Ordinal)
                    : html.IndexOf('>', position + 2);
                position = close < 0 ? -1 : html.IndexOf('<', close);
                continue;
            }

            if (!char.IsAsciiLetter(next))
            {
                position = html.IndexOf('<', position + 1);
                continue;
            }

            var nameEnd = position + 1;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }

            var name = html[(position + 1)..nameEnd];
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0)
            {
                break;
            }

            if (++elements > limits.MaxMarkupElements)
            {
                throw Rejections.TooManyElements(Format, limits.MaxMarkupElements);
            }

            if ((elements & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var selfClosing = html[tagEnd - 1] == '/';
            if (RawText.Contains(name))
            {
                var closing = html.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
                position = closing < 0 ? -1 : html.IndexOf('<', closing + 2);
                continue;
            }

            if (!selfClosing && !Flat.Contains(name))
            {
                open.Add(name);
                if (open.Count > limits.MaxNestingDepth)
                {
                    throw Rejections.TooDeep(Format, limits.MaxNestingDepth);
                }
            }

            position = html.IndexOf('<', tagEnd);
        }
    }
}
