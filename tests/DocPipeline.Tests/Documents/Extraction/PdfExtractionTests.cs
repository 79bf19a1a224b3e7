using System.Security.Cryptography;
using DocPipeline.Documents.Extraction;
using UglyToad.PdfPig;
using static DocPipeline.Tests.Documents.Extraction.ExtractionTestSupport;

namespace DocPipeline.Tests.Documents.Extraction;

public sealed class PdfExtractionTests
{
    [Fact]
    public async Task ExtractAsync_MultiPagePdf_ReturnsEveryPageInOrderWithMetadata()
    {
        var paragraphs = Enumerable.Range(1, 12)
            .Select(n => $"Section {n}. " + string.Join(" ", Enumerable.Repeat($"Clause {n} text describes obligations of the parties in plain words.", 6)))
            .ToList();
        var bytes = SampleDocuments.Pdf(paragraphs, header: "Acme Corp - Master Agreement", footer: "Page {page} of {pages}", title: "Master Agreement", author: "Acme Legal");

        var document = await ExtractAsync(bytes, "agreement.pdf");

        Assert.Equal(DocumentKind.Pdf, document.Kind);
        Assert.Equal("application/pdf", document.MediaType);
        Assert.True(document.PageCount >= 2, $"expected several pages, got {document.PageCount}");
        Assert.Equal(document.PageCount, document.Pages.Count);
        for (var i = 0; i < document.Pages.Count; i++)
        {
            Assert.StartsWith("Acme Corp - Master Agreement", document.Pages[i], StringComparison.Ordinal);
            Assert.Contains($"Page {i + 1} of {document.Pages.Count}", document.Pages[i], StringComparison.Ordinal);
        }

        var positions = paragraphs.Select((_, n) => document.Text.IndexOf($"Section {n + 1}. Clause", StringComparison.Ordinal)).ToList();
        Assert.All(positions, position => Assert.True(position >= 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Equal("Master Agreement", document.Title);
        Assert.Equal("Acme Legal", document.Author);
        Assert.Equal(bytes.Length, document.ByteSize);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), document.Sha256);
        Assert.Equal(document.Text.Length, document.CharCount);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public async Task ExtractAsync_PdfNamedTxt_IsReadAsPdfAndWarnsAboutTheName()
    {
        var bytes = SampleDocuments.PdfPages("Quarterly report for the board.");

        var document = await ExtractAsync(bytes, "notes.txt");

        Assert.Equal(DocumentKind.Pdf, document.Kind);
        Assert.Contains("Quarterly report for the board.", document.Text, StringComparison.Ordinal);
        Assert.Equal("notes.txt", document.FileName);
        Assert.Contains(document.Warnings, warning => warning.Contains("notes.txt", StringComparison.Ordinal) && warning.Contains("PDF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtractAsync_TruncatedPdf_RejectsAsCorrupt()
    {
        var bytes = SampleDocuments.PdfPages("First page.", "Second page.", "Third page.");

        var rejection = await RejectedAsync(bytes[..(bytes.Length * 2 / 3)], RejectionReason.Corrupt);

        Assert.Contains("PDF", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PdfHeaderFollowedByGarbage_RejectsAsCorrupt()
    {
        var junk = new byte[4096];
        new Random(7).NextBytes(junk);
        var bytes = "%PDF-1.7\n"u8.ToArray().Concat(junk).Concat("\n%%EOF\n"u8.ToArray()).ToArray();

        await RejectedAsync(bytes, RejectionReason.Corrupt);
    }

    [Fact]
    public async Task ExtractAsync_PasswordProtectedPdf_RejectsAsEncrypted()
    {
        var bytes = EncryptedPdf.Build(userPassword: "s3cret-user", ownerPassword: "s3cret-owner", text: "Salary review 2024 - confidential");

        var rejection = await RejectedAsync(bytes, RejectionReason.Encrypted);

        Assert.Contains("encrypted", rejection.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("password", rejection.Message, StringComparison.OrdinalIgnoreCase);

        // The file is a real encrypted PDF: with the password the same bytes do open and show the text.
        using var unlocked = PdfDocument.Open(bytes, new ParsingOptions { Password = "s3cret-user" });
        Assert.Contains("Salary review 2024", unlocked.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PdfEncryptedWithOwnerPasswordOnly_ExtractsAndWarns()
    {
        var bytes = EncryptedPdf.Build(userPassword: "", ownerPassword: "owner-only", text: "Public price list 2024");

        var document = await ExtractAsync(bytes);

        Assert.Contains("Public price list 2024", document.Text, StringComparison.Ordinal);
        Assert.Contains(document.Warnings, warning => warning.Contains("owner password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtractAsync_ImageOnlyPdf_RejectsAsNoTextLayerSuggestingOcr()
    {
        var bytes = SampleDocuments.ImageOnlyPdf(pageCount: 3);

        var rejection = await RejectedAsync(bytes, RejectionReason.NoTextLayer);

        Assert.Contains("OCR", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("3 pages", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PdfWithOneScannedPage_KeepsTextPagesAndWarnsAboutTheOther()
    {
        var bytes = SampleDocuments.ImageOnlyPdf(pageCount: 3, new Dictionary<int, string> { [1] = "Cover letter text.", [3] = "Closing remarks." });

        var document = await ExtractAsync(bytes);

        Assert.Equal(3, document.PageCount);
        Assert.Equal("", document.Pages[1]);
        Assert.Equal("Cover letter text.\n\nClosing remarks.", document.Text);
        Assert.Contains(document.Warnings, warning => warning.Contains("(2)", StringComparison.Ordinal) && warning.Contains("OCR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtractAsync_PdfOverPageLimit_RejectsAsTooManyPages()
    {
        var bytes = SampleDocuments.PdfPages("one", "two", "three", "four", "five");

        var rejection = await RejectedAsync(bytes, RejectionReason.TooManyPages, limits: new ExtractionLimits { MaxPages = 3 });

        Assert.Contains("5 pages", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PdfTextOverCharacterLimit_RejectsAsTooMuchText()
    {
        var bytes = SampleDocuments.PdfPages(string.Join(" ", Enumerable.Repeat("lorem ipsum dolor", 40)));

        await RejectedAsync(bytes, RejectionReason.TooMuchText, limits: new ExtractionLimits { MaxCharacters = 200 });
    }
}
