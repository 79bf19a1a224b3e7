using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using PdfPageSize = UglyToad.PdfPig.Content.PageSize;

namespace DocPipeline.Tests.Documents.Extraction;

/// <summary>
/// Builds real PDF, DOCX and PNG files in memory, for the tests and for the documents in samples/.
/// </summary>
public static partial class SampleDocuments
{
    private const double PageWidth = 595;
    private const double PageHeight = 842;
    private const double Margin = 56;
    private const double BodyTop = 770;
    private const double BodyBottom = 72;
    private const double BodyFontSize = 10.5;
    private const double LineHeight = 14;
    private const int WrapColumns = 92;

    /// <summary>
    /// A PDF whose body paragraphs flow over as many A4 pages as they need. <paramref name="header"/> is drawn at the
    /// top of every page; <paramref name="footer"/> at the bottom, with <c>{page}</c> and <c>{pages}</c> substituted.
    /// </summary>
    public static byte[] Pdf(IReadOnlyList<string> paragraphs, string? header = null, string? footer = null, string? title = null, string? author = null)
    {
        var pages = Paginate(paragraphs);
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        builder.DocumentInformation.Author = author;
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
        for (var index = 0; index < pages.Count; index++)
        {
            var page = builder.AddPage(PdfPageSize.A4);
            if (header is not null)
            {
                page.AddText(header, 9, new PdfPoint(Margin, PageHeight - 42), bold);
                page.DrawLine(new PdfPoint(Margin, PageHeight - 50), new PdfPoint(PageWidth - Margin, PageHeight - 50), 0.5);
            }

            var y = BodyTop;
            foreach (var line in pages[index])
            {
                if (line.Length > 0)
                {
                    page.AddText(line, BodyFontSize, new PdfPoint(Margin, y), regular);
                }

                y -= LineHeight;
            }

            if (footer is not null)
            {
                var text = footer.Replace("{page}", (index + 1).ToString(), StringComparison.Ordinal)
                    .Replace("{pages}", pages.Count.ToString(), StringComparison.Ordinal);
                page.DrawLine(new PdfPoint(Margin, 52), new PdfPoint(PageWidth - Margin, 52), 0.5);
                page.AddText(text, 8, new PdfPoint(Margin, 40), regular);
            }
        }

        return builder.Build();
    }

    /// <summary>A PDF with one page per entry, each page holding exactly that text (wrapped).</summary>
    public static byte[] PdfPages(params string[] pageTexts)
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pageTexts)
        {
            var page = builder.AddPage(PdfPageSize.A4);
            var y = BodyTop;
            foreach (var line in Wrap(text))
            {
                page.AddText(line, BodyFontSize, new PdfPoint(Margin, y), font);
                y -= LineHeight;
            }
        }

        return builder.Build();
    }

    /// <summary>A PDF whose pages carry only a picture (like a scan), or text on the pages listed in <paramref name="textPages"/>.</summary>
    public static byte[] ImageOnlyPdf(int pageCount, IReadOnlyDictionary<int, string>? textPages = null)
    {
        var png = Png(64, 48);
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var number = 1; number <= pageCount; number++)
        {
            var page = builder.AddPage(PdfPageSize.A4);
            if (textPages is not null && textPages.TryGetValue(number, out var text))
            {
                page.AddText(text, BodyFontSize, new PdfPoint(Margin, BodyTop), font);
            }
            else
            {
                page.AddPng(png, new PdfRectangle(Margin, 200, PageWidth - Margin, 700));
            }
        }

        return builder.Build();
    }

    /// <summary>A Word document with the given body, optional core properties and a default header and footer.</summary>
    public static byte[] Docx(IEnumerable<OpenXmlElement> body, string? title = null, string? author = null, string? header = null, string? footer = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var content = new Body(body);
            var section = new SectionProperties();
            if (header is not null)
            {
                var part = main.AddNewPart<HeaderPart>();
                part.Header = new Header(Paragraph(header));
                section.Append(new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(part) });
            }

            if (footer is not null)
            {
                var part = main.AddNewPart<FooterPart>();
                part.Footer = new Footer(Paragraph(footer));
                section.Append(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(part) });
            }

            content.Append(section);
            main.Document = new Document(content);
            document.PackageProperties.Title = title;
            document.PackageProperties.Creator = author;
        }

        return stream.ToArray();
    }

    /// <summary>A body paragraph, optionally bold (as a heading would be).</summary>
    public static Paragraph Paragraph(string text, bool bold = false)
    {
        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold)
        {
            run.PrependChild(new RunProperties(new Bold()));
        }

        return new Paragraph(run);
    }

    /// <summary>A bordered table; the first row is the header row.</summary>
    public static Table Table(params string[][] rows)
    {
        var table = new Table(new TableProperties(
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new TableRow();
            foreach (var cell in rows[r])
            {
                row.Append(new TableCell(Paragraph(cell, bold: r == 0)));
            }

            table.Append(row);
        }

        return table;
    }

    /// <summary>A real RGB PNG image (a gradient) of the given size.</summary>
    public static byte[] Png(int width, int height)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte((byte)(x * 255 / width));
                raw.WriteByte((byte)(y * 255 / height));
                raw.WriteByte(128);
            }
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw.ToArray());
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static List<List<string>> Paginate(IReadOnlyList<string> paragraphs)
    {
        var linesPerPage = (int)((BodyTop - BodyBottom) / LineHeight) + 1;
        var pages = new List<List<string>> { new() };
        foreach (var paragraph in paragraphs)
        {
            var lines = Wrap(paragraph);
            if (pages[^1].Count > 0 && pages[^1].Count + lines.Count > linesPerPage)
            {
                pages.Add([]);
            }

            foreach (var line in lines)
            {
                if (pages[^1].Count == linesPerPage)
                {
                    pages.Add([]);
                }

                pages[^1].Add(line);
            }

            if (pages[^1].Count < linesPerPage)
            {
                pages[^1].Add("");
            }
        }

        return pages;
    }

    private static List<string> Wrap(string paragraph)
    {
        var lines = new List<string>();
        foreach (var sourceLine in paragraph.Split('\n'))
        {
            var current = new StringBuilder();
            foreach (var word in sourceLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (current.Length > 0 && current.Length + 1 + word.Length > WrapColumns)
                {
                    lines.Add(current.ToString());
                    current.Clear();
                }

                if (current.Length > 0)
                {
                    current.Append(' ');
                }

                current.Append(word);
            }

            lines.Add(current.ToString());
        }

        return lines;
    }
}
