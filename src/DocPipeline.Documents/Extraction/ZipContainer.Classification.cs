using System.IO.Compression;
using System.Text;

namespace DocPipeline.Documents.Extraction;

// Naming what a ZIP container holds, so anything other than a Word document is refused by name.
internal static partial class ZipContainer
{
    private static void Classify(IReadOnlyList<ZipArchiveEntry> entries)
    {
        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            byName.TryAdd(entry.FullName, entry);
        }

        if (byName.TryGetValue("[Content_Types].xml", out var contentTypes))
        {
            var types = ReadSmallText(contentTypes);
            if (types.Contains("wordprocessingml.document.main+xml", StringComparison.OrdinalIgnoreCase)
                || types.Contains("wordprocessingml.template.main+xml", StringComparison.OrdinalIgnoreCase)
                || types.Contains("ms-word.document.macroEnabled.main+xml", StringComparison.OrdinalIgnoreCase)
                || types.Contains("ms-word.template.macroEnabledTemplate.main+xml", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            if (types.Contains("spreadsheetml", StringComparison.OrdinalIgnoreCase))
            {
                throw Rejections.Unsupported("Excel workbook (.xlsx)", "Spreadsheets are not read; export the sheet as CSV or PDF and upload that.");
            }

            if (types.Contains("presentationml", StringComparison.OrdinalIgnoreCase))
            {
                throw Rejections.Unsupported("PowerPoint presentation (.pptx)", "Save it as PDF and upload that.");
            }

            if (types.Contains("xpsdocument", StringComparison.OrdinalIgnoreCase) || types.Contains("oxps", StringComparison.OrdinalIgnoreCase))
            {
                throw Rejections.Unsupported("XPS document", "Print it to PDF and upload that.");
            }

            throw Rejections.Unsupported("Office Open XML package that is not a Word document", "Save it as PDF or DOCX and upload that.");
        }

        if (byName.ContainsKey("word/document.xml"))
        {
            throw Rejections.Corrupt(WordFormat, "it has no [Content_Types].xml part.");
        }

        if (byName.TryGetValue("mimetype", out var mimetypeEntry))
        {
            var mimetype = ReadSmallText(mimetypeEntry).Trim();
            throw mimetype switch
            {
                "application/vnd.oasis.opendocument.text" => Rejections.Unsupported("OpenDocument text (.odt)", "Open it and save it as .docx or PDF, then upload that."),
                "application/vnd.oasis.opendocument.spreadsheet" => Rejections.Unsupported("OpenDocument spreadsheet (.ods)", "Export the sheet as CSV or PDF and upload that."),
                "application/vnd.oasis.opendocument.presentation" => Rejections.Unsupported("OpenDocument presentation (.odp)", "Save it as PDF and upload that."),
                "application/epub+zip" => Rejections.Unsupported("EPUB e-book", "Convert it to PDF and upload that."),
                _ => Rejections.Unsupported("ZIP archive", "Extract the archive and upload the documents inside it one at a time."),
            };
        }

        if (byName.ContainsKey("META-INF/MANIFEST.MF"))
        {
            throw Rejections.Unsupported("Java archive (.jar)", "Programs are never processed; upload the document itself.");
        }

        throw Rejections.Unsupported("ZIP archive", "Extract the archive and upload the documents inside it one at a time.");
    }

    private static string ReadSmallText(ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            var buffer = new byte[ContentTypesReadLimit];
            var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (InvalidDataException ex)
        {
            throw Rejections.Corrupt("ZIP container", $"the part '{entry.FullName}' is damaged.", ex);
        }
    }
}
