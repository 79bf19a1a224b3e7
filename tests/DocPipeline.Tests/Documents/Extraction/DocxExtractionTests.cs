using System.IO.Compression;
using DocPipeline.Documents.Extraction;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using static DocPipeline.Tests.Documents.Extraction.ExtractionTestSupport;

namespace DocPipeline.Tests.Documents.Extraction;

public sealed class DocxExtractionTests
{
    private static byte[] SmallDocx() => SampleDocuments.Docx(
        [
            SampleDocuments.Paragraph("Purchase Order PO-1001", bold: true),
            SampleDocuments.Paragraph("Please supply the items below by 30 June 2024."),
            SampleDocuments.Table(["Item", "Qty", "Price"], ["Desk lamp", "4", "19.99"], ["Office chair", "2", "149.00"]),
            SampleDocuments.Paragraph("Deliver to the loading bay at the rear of the building."),
        ],
        title: "Purchase Order PO-1001",
        author: "Jane Buyer");

    [Fact]
    public async Task ExtractAsync_DocxWithTable_ReturnsParagraphsAndRowsInOrder()
    {
        var bytes = SmallDocx();

        var document = await ExtractAsync(bytes, "po.docx");

        Assert.Equal(DocumentKind.Docx, document.Kind);
        Assert.Equal(
            "Purchase Order PO-1001\n\nPlease supply the items below by 30 June 2024.\n\n" +
            "Item | Qty | Price\nDesk lamp | 4 | 19.99\nOffice chair | 2 | 149.00\n\n" +
            "Deliver to the loading bay at the rear of the building.",
            document.Text);
        Assert.Equal("Purchase Order PO-1001", document.Title);
        Assert.Equal("Jane Buyer", document.Author);
        Assert.Null(document.PageCount);
        Assert.Empty(document.Pages);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public async Task ExtractAsync_DocxWithHeaderAndFooter_IncludesEachOnce()
    {
        var bytes = SampleDocuments.Docx(
            [SampleDocuments.Paragraph("Body paragraph.")],
            header: "ACME Confidential",
            footer: "Registered office: 1 Main Street");

        var document = await ExtractAsync(bytes);

        Assert.Equal("ACME Confidential\n\nBody paragraph.\n\nRegistered office: 1 Main Street", document.Text);
    }

    [Fact]
    public async Task ExtractAsync_DocxWithoutText_RejectsAsEmpty()
    {
        var bytes = SampleDocuments.Docx([SampleDocuments.Paragraph("   ")]);

        await RejectedAsync(bytes, RejectionReason.Empty);
    }

    [Fact]
    public async Task ExtractAsync_DocxWithPartInflatingPastLimit_RejectsAsZipBomb()
    {
        var bytes = WithExtraEntry(SmallDocx(), "word/media/filler.bin", zeros: 8 * 1024 * 1024);

        var rejection = await RejectedAsync(bytes, RejectionReason.ZipBomb, limits: new ExtractionLimits { MaxUncompressedBytes = 1024 * 1024 });

        Assert.Contains("decompress", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_DocxWithExtremeCompressionRatio_RejectsAsZipBomb()
    {
        var bytes = WithExtraEntry(SmallDocx(), "word/media/filler.bin", zeros: 4 * 1024 * 1024);

        var rejection = await RejectedAsync(bytes, RejectionReason.ZipBomb, limits: new ExtractionLimits { MaxCompressionRatio = 50, CompressionRatioThresholdBytes = 64 * 1024 });

        Assert.Contains("filler.bin", rejection.Message, StringComparison.Ordinal);
        Assert.Contains(":1", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_DocxWithTooManyEntries_RejectsAsZipBomb()
    {
        var bytes = SmallDocx();
        for (var i = 0; i < 30; i++)
        {
            bytes = WithExtraEntry(bytes, $"customXml/item{i}.xml", zeros: 1);
        }

        await RejectedAsync(bytes, RejectionReason.ZipBomb, limits: new ExtractionLimits { MaxZipEntries = 20 });
    }

    [Fact]
    public async Task ExtractAsync_DocxNestedBeyondLimit_RejectsAsTooComplexBeforeTheSdkParsesIt()
    {
        OpenXmlElement content = SampleDocuments.Paragraph("buried");
        for (var i = 0; i < 600; i++)
        {
            content = new CustomXmlBlock(content) { Element = "section" };
        }

        var bytes = SampleDocuments.Docx([content]);

        var rejection = await RejectedAsync(bytes, RejectionReason.TooComplex);

        Assert.Contains("levels deep", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_DocxNestedWithinLimit_ReadsNestedContent()
    {
        OpenXmlElement content = SampleDocuments.Paragraph("inside content controls");
        for (var i = 0; i < 100; i++)
        {
            content = new CustomXmlBlock(content) { Element = "section" };
        }

        var document = await ExtractAsync(SampleDocuments.Docx([content]));

        Assert.Equal("inside content controls", document.Text);
    }

    [Fact]
    public async Task ExtractAsync_TruncatedDocx_RejectsAsCorrupt()
    {
        var bytes = SmallDocx();

        await RejectedAsync(bytes[..(bytes.Length / 2)], RejectionReason.Corrupt, "po.docx");
    }

    [Fact]
    public async Task ExtractAsync_ExcelWorkbookZip_RejectsAsUnsupportedNamingIt()
    {
        var bytes = Zip(
            ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>"),
            ("xl/workbook.xml", "<workbook/>"));

        var rejection = await RejectedAsync(bytes, RejectionReason.UnsupportedType, "budget.docx");

        Assert.Contains("Excel", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PlainZipArchive_RejectsAsUnsupportedNamingIt()
    {
        var bytes = Zip(("readme.txt", "hello"), ("data/report.csv", "a,b\n1,2"));

        var rejection = await RejectedAsync(bytes, RejectionReason.UnsupportedType);

        Assert.Equal("ZIP archive", rejection.DetectedFormat);
    }

    [Fact]
    public async Task ExtractAsync_OpenDocumentText_RejectsAsUnsupportedNamingIt()
    {
        var bytes = Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>"));

        var rejection = await RejectedAsync(bytes, RejectionReason.UnsupportedType);

        Assert.Contains(".odt", rejection.Message, StringComparison.Ordinal);
    }

    private static byte[] WithExtraEntry(byte[] docx, string name, int zeros)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[zeros]);
        }

        return stream.ToArray();
    }

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return stream.ToArray();
    }
}
