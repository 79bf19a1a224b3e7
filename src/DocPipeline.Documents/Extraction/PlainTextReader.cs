using System.Text.Encodings.Web;
using System.Text.Json;

namespace DocPipeline.Documents.Extraction;

/// <summary>Reads the text formats that need no parser beyond decoding: plain text, Markdown, CSV and JSON.</summary>
internal static class PlainTextReader
{
    private static readonly JsonWriterOptions PrettyJson = new()
    {
        Indented = true,
        // Keep non-ASCII text, e-mail addresses and the like readable instead of \u-escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static RawExtraction Read(DocumentKind kind, string text, ExtractionLimits limits, TextBudget budget)
    {
        // JSON Lines fail to parse as one document and are kept line by line instead.
        var content = kind == DocumentKind.Json ? TryIndent(text, limits) ?? TextCleanup.Normalize(text) : TextCleanup.Normalize(text);
        if (content.Length == 0)
        {
            throw Rejections.NoText("text file");
        }

        budget.Spend(content.Length);
        return new RawExtraction(content)
        {
            Title = kind == DocumentKind.Markdown ? TextClassifier.MarkdownTitle(content) : null,
        };
    }

    // Indentation can multiply the size of dense JSON, so the output buffer is capped: UTF-8 spends at most three
    // bytes per UTF-16 code unit, so more bytes than that cannot fit the character limit.
    private static string? TryIndent(string json, ExtractionLimits limits)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = limits.MaxNestingDepth });
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var buffer = new BoundedBufferWriter(3L * limits.MaxCharacters, () => Rejections.TooMuchText(limits.MaxCharacters));
            using (var writer = new Utf8JsonWriter(buffer, PrettyJson with { MaxDepth = limits.MaxNestingDepth }))
            {
                document.WriteTo(writer);
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan).Replace("\r\n", "\n", StringComparison.Ordinal);
        }
    }
}
