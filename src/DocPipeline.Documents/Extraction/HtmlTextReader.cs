using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Reads visible HTML text with AngleSharp: scripts, styles and other non-content elements are dropped, block
/// elements become paragraphs, list items are marked with "- ", and table rows become " | "-separated lines.
/// </summary>
internal static class HtmlTextReader
{
    private const string Format = "HTML page";

    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "head", "svg", "canvas", "iframe", "object", "embed",
        "audio", "video", "select", "datalist",
    };

    public static RawExtraction Read(string html, ExtractionLimits limits, TextBudget budget)
    {
        MarkupShape.EnsureWithinLimits(html, limits, budget.CancellationToken);
        IHtmlDocument document;
        try
        {
            document = new HtmlParser().ParseDocument(html);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw Rejections.Corrupt(Format, "its markup could not be parsed.", ex);
        }

        using (document)
        {
            var writer = new HtmlBlockWriter(budget);
            var hidden = Walk(document.Body ?? (INode?)document.DocumentElement, writer, budget.CancellationToken);
            var blocks = writer.Finish();
            if (blocks.Count == 0)
            {
                throw Rejections.NoText(Format);
            }

            var warnings = new List<string>();
            if (hidden > 0)
            {
                warnings.Add($"{hidden} hidden element{(hidden == 1 ? " was" : "s were")} skipped because a reader of the page would not see {(hidden == 1 ? "it" : "them")}.");
            }

            return new RawExtraction(string.Join("\n\n", blocks))
            {
                Title = TextCleanup.Metadata(document.Title) ?? TextCleanup.Metadata(document.QuerySelector("h1")?.TextContent),
                Author = TextCleanup.Metadata(document.QuerySelectorAll("meta")
                    .FirstOrDefault(meta => string.Equals(meta.GetAttribute("name"), "author", StringComparison.OrdinalIgnoreCase))
                    ?.GetAttribute("content")),
                Warnings = warnings,
            };
        }
    }

    // Iterative so that deeply nested markup cannot exhaust the stack.
    private static int Walk(INode? root, HtmlBlockWriter writer, CancellationToken cancellationToken)
    {
        if (root is null)
        {
            return 0;
        }

        var hidden = 0;
        var pending = new Stack<(INode Node, bool Leaving)>();
        pending.Push((root, false));
        while (pending.Count > 0)
        {
            var (node, leaving) = pending.Pop();
            if (node is IElement closing && leaving)
            {
                writer.Leave(closing.LocalName);
                continue;
            }

            switch (node)
            {
                case IText text:
                    writer.Text(text.Data);
                    break;
                case IElement element when Skipped.Contains(element.LocalName):
                    break;
                case IElement element when IsHidden(element):
                    if (!string.IsNullOrWhiteSpace(element.TextContent))
                    {
                        hidden++;
                    }

                    break;
                case IElement element:
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Enter(element.LocalName);
                    pending.Push((element, true));
                    for (var i = element.ChildNodes.Length - 1; i >= 0; i--)
                    {
                        pending.Push((element.ChildNodes[i], false));
                    }

                    break;
            }
        }

        return hidden;
    }

    private static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden"))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        if (string.IsNullOrEmpty(style))
        {
            return false;
        }

        var compact = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return compact.Contains("display:none", StringComparison.Ordinal) || compact.Contains("visibility:hidden", StringComparison.Ordinal);
    }
}
