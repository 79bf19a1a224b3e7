using DocPipeline.Documents.Extraction;
using static DocPipeline.Tests.Documents.Extraction.ExtractionTestSupport;

namespace DocPipeline.Tests.Documents.Extraction;

/// <summary>The documents in samples/ (used by the quick start) extract cleanly and still carry the data they exist to show.</summary>
public sealed class SampleFilesTests
{
    private static readonly string Samples = Path.Combine(RepositoryRoot(), "samples");

    [Fact]
    public async Task ExtractAsync_SampleInvoicePdf_ExtractsEveryPageWithRepeatedHeader()
    {
        var document = await ExtractSampleAsync("invoice-northwind-books.pdf");

        Assert.Equal(DocumentKind.Pdf, document.Kind);
        Assert.True(document.PageCount >= 2);
        Assert.All(document.Pages, page => Assert.StartsWith(SampleDocuments.InvoiceHeader, page, StringComparison.Ordinal));
        Assert.Equal("Invoice INV-2024-00917", document.Title);
        AssertContainsAll(document.Text,
            "priya.raman@contoso-learning.example.com", "+44 20 7946 0958", "4111 1111 1111 1111",
            "GB82 WEST 1234 5698 7654 32", "ORD-2024-118273", "978-0-306-40615-7", "14 March 2024");
    }

    [Fact]
    public async Task ExtractAsync_SampleAgreementDocx_ExtractsTablesAndClauses()
    {
        var document = await ExtractSampleAsync("contractor-agreement-fabrikam.docx");

        Assert.Equal(DocumentKind.Docx, document.Kind);
        Assert.Equal("Independent Contractor Services Agreement FA-2024-0419", document.Title);
        AssertContainsAll(document.Text,
            "Contact e-mail | legal@fabrikam-analytics.example.com | daniel.okafor@example.com",
            "SSN 078-05-1120", "DE89 3704 0044 0532 0130 00", "+1 (415) 555-0132",
            "M2 | Pipeline assessment and interim findings | 31 May 2024 | 12,000.00", "PO-88317");
    }

    [Fact]
    public async Task ExtractAsync_SampleIncidentReportHtml_DropsScriptsAndKeepsReport()
    {
        var document = await ExtractSampleAsync("incident-report-contoso.html");

        Assert.Equal(DocumentKind.Html, document.Kind);
        Assert.Equal("Incident Report IR-2024-031: Exposed API Key on Staging Server", document.Title);
        AssertContainsAll(document.Text,
            "203.0.113.42", "10.20.4.17", "dpk_live_7Qm2Xv9TzL4pR8sW1nB6yK3cJ5hF0aGd", "aisha.bello@contoso.example.com",
            "+44 7700 900456", "4111 1111 1111 1111", "Severity | High (P2)", "- 2024-04-02 06:17");
        Assert.DoesNotContain("dataLayer", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("font-family", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{author}}", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Enable JavaScript", document.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("firewall export", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_SampleSupportEmail_IsPlainText()
    {
        var document = await ExtractSampleAsync("support-email-tailspin.txt");

        Assert.Equal(DocumentKind.Text, document.Kind);
        AssertContainsAll(document.Text,
            "jordan.ellis@tailspin-toys.example.com", "dpk_live_Hc4nV8rT2wQ9mZ6xL1pK7sJ3dF5gB0yN", "198.51.100.23",
            "5555 5555 5555 4444", "GB82 WEST 1234 5698 7654 32", "ORD-2024-55871", "978-1-4028-9462-6");
    }

    [Theory]
    [InlineData("invoice-northwind-books.pdf")]
    [InlineData("contractor-agreement-fabrikam.docx")]
    [InlineData("incident-report-contoso.html")]
    [InlineData("support-email-tailspin.txt")]
    public async Task ExtractAsync_EverySample_HasBusinessLengthTextAndNoWarnings(string fileName)
    {
        var document = await ExtractSampleAsync(fileName);

        var words = document.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.InRange(words, 300, 1500);
        Assert.DoesNotContain(document.Warnings, warning => !warning.Contains("hidden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvoicePdf_GeneratedNow_ExtractsTheSameTextAsTheCommittedSample()
    {
        var committed = await ExtractSampleAsync("invoice-northwind-books.pdf");

        var regenerated = await ExtractAsync(SampleDocuments.InvoicePdf());

        Assert.Equal(committed.Text, regenerated.Text);
    }

    [Fact]
    public async Task ServicesAgreementDocx_GeneratedNow_ExtractsTheSameTextAsTheCommittedSample()
    {
        var committed = await ExtractSampleAsync("contractor-agreement-fabrikam.docx");

        var regenerated = await ExtractAsync(SampleDocuments.ServicesAgreementDocx());

        Assert.Equal(committed.Text, regenerated.Text);
    }

    private static async Task<ExtractedDocument> ExtractSampleAsync(string fileName) =>
        await ExtractAsync(await File.ReadAllBytesAsync(Path.Combine(Samples, fileName)), fileName);

    private static void AssertContainsAll(string text, params string[] expected)
    {
        foreach (var value in expected)
        {
            Assert.Contains(value, text, StringComparison.Ordinal);
        }
    }
}
