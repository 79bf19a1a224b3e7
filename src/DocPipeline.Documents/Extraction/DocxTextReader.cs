using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Reads a Word document with the Open XML SDK: body paragraphs and tables in order, then footnotes and endnotes;
/// header and footer text is included once (before and after the body) however many sections repeat it.
/// Call only after <see cref="ZipContainer"/> has vetted the container.
/// </summary>
internal static class DocxTextReader
{
    private const string Format = "Word document (.docx)";

    public static RawExtraction Read(ReadOnlyMemory<byte> data, ExtractionLimits limits, TextBudget budget)
    {
        try
        {
            using var stream = MemoryStreams.ReadOnly(data);
            using var document = WordprocessingDocument.Open(stream, isEditable: false, new OpenSettings
            {
                AutoSave = false,
                MaxCharactersInPart = limits.MaxUncompressedBytes,
            });

            var main = document.MainDocumentPart ?? throw Rejections.Corrupt(Format, "it has no main document part.");
            var body = main.Document?.Body ?? throw Rejections.Corrupt(Format, "it has no document body.");
            var walker = new WordBlockWalker(budget);

            var headers = Distinct(main.HeaderParts.Select(part => part.Header), walker);
            var content = walker.Blocks(body);
            var notes = new List<string>();
            if (main.FootnotesPart?.Footnotes is { } footnotes)
            {
                notes.AddRange(walker.Blocks(footnotes));
            }

            if (main.EndnotesPart?.Endnotes is { } endnotes)
            {
                notes.AddRange(walker.Blocks(endnotes));
            }

            var footers = Distinct(main.FooterParts.Select(part => part.Footer), walker);
            var blocks = headers.Concat(content).Concat(notes).Concat(footers).ToList();
            if (blocks.Count == 0)
            {
                throw Rejections.NoText(Format);
            }

            return new RawExtraction(string.Join("\n\n", blocks))
            {
                Title = TextCleanup.Metadata(document.PackageProperties.Title),
                Author = TextCleanup.Metadata(document.PackageProperties.Creator),
            };
        }
        catch (Exception ex) when (ex is not DocumentRejectedException and not OperationCanceledException)
        {
            throw Rejections.Corrupt(Format, "its XML content is invalid.", ex);
        }
    }

    private static List<string> Distinct(IEnumerable<OpenXmlElement?> parts, WordBlockWalker walker)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var blocks = new List<string>();
        foreach (var part in parts)
        {
            if (part is null)
            {
                continue;
            }

            var text = string.Join("\n", walker.Blocks(part));
            if (text.Length > 0 && seen.Add(text))
            {
                blocks.Add(text);
            }
        }

        return blocks;
    }
}
