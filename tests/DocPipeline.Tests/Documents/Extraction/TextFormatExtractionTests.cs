using System.Text;
using DocPipeline.Documents.Extraction;
using static DocPipeline.Tests.Documents.Extraction.ExtractionTestSupport;

namespace DocPipeline.Tests.Documents.Extraction;

public sealed class TextFormatExtractionTests
{
    [Fact]
    public async Task ExtractAsync_HtmlWithScriptsAndStyles_KeepsOnlyVisibleTextAsParagraphs()
    {
        const string html = """
            <!doctype html>
            <html><head><title>  Shipping   Update </title><meta name="Author" content="Ops Team">
            <style>p { color: red } .secret { display: none }</style>
            <script>var token = "do-not-extract";</script></head>
            <body>
              <h1>Shipping update</h1>
              <p>Your parcel left   the depot
                 on <b>Monday</b>.<br>It should arrive on Wednesday.</p>
              <ul><li>Track it online</li><li><p>Call us</p></li></ul>
              <ol><li>Open the box</li><li>Check the contents</li></ol>
              <table><tr><th>Item</th><th>Qty</th></tr><tr><td>Lamp</td><td>2</td></tr></table>
              <noscript>Enable JavaScript</noscript>
              <template><p>template text</p></template>
              <div style="display: none">hidden instructions</div>
              <script>console.log("also not text")</script>
            </body></html>
            """;

        var document = await ExtractAsync(Encoding.UTF8.GetBytes(html), "update.html");

        Assert.Equal(DocumentKind.Html, document.Kind);
        Assert.Equal(
            "Shipping update\n\nYour parcel left the depot on Monday.\nIt should arrive on Wednesday.\n\n- Track it online\n\n- Call us\n\n1. Open the box\n\n2. Check the contents\n\nItem | Qty\nLamp | 2",
            document.Text);
        Assert.Equal("Shipping Update", document.Title);
        Assert.Equal("Ops Team", document.Author);
        Assert.Contains(document.Warnings, warning => warning.Contains("hidden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtractAsync_HtmlNestedWithinLimit_ExtractsTheInnermostText()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div><span>", 200)) + "deep text" + "</body></html>";

        var document = await ExtractAsync(Encoding.UTF8.GetBytes(html));

        Assert.Equal("deep text", document.Text);
    }

    [Theory]
    [InlineData("<div>")]
    [InlineData("<b><i>")]
    [InlineData("<div></span>")]
    public async Task ExtractAsync_HtmlNestedBeyondLimit_RejectsAsTooComplexBeforeParsing(string repeated)
    {
        var html = "<!doctype html><html><body>" + string.Concat(Enumerable.Repeat(repeated, 200_000)) + "x</body></html>";

        var rejection = await RejectedAsync(Encoding.UTF8.GetBytes(html), RejectionReason.TooComplex);

        Assert.Contains("512 levels", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_HtmlWithTooManyElements_RejectsAsTooComplex()
    {
        var html = "<!doctype html><html><body>" + string.Concat(Enumerable.Repeat("<p>item</p>", 5_000)) + "</body></html>";

        await RejectedAsync(Encoding.UTF8.GetBytes(html), RejectionReason.TooComplex, limits: new ExtractionLimits { MaxMarkupElements = 1_000 });
    }

    [Fact]
    public async Task ExtractAsync_DeeplyNestedJson_IsKeptAsTextInsteadOfFailing()
    {
        var json = new string('[', 2_000) + new string(']', 2_000);

        var document = await ExtractAsync(Encoding.UTF8.GetBytes(json));

        Assert.NotEqual(DocumentKind.Json, document.Kind);
        Assert.Equal(json, document.Text);
    }

    [Theory]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-32le")]
    public async Task ExtractAsync_TextWithByteOrderMark_DecodesIt(string encoding)
    {
        const string text = "Grüße aus Köln – naïve café, 東京 and emoji 🙂.\nSecond line.";
        var bytes = encoding switch
        {
            "utf-16le" => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(),
            "utf-16be" => Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray(),
            "utf-32le" => Encoding.UTF32.GetPreamble().Concat(Encoding.UTF32.GetBytes(text)).ToArray(),
            _ => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(),
        };

        var document = await ExtractAsync(bytes, "greeting.txt");

        Assert.Equal(DocumentKind.Text, document.Kind);
        Assert.Equal(text, document.Text);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public async Task ExtractAsync_Utf16WithoutByteOrderMark_DecodesAndWarns()
    {
        var bytes = Encoding.Unicode.GetBytes("Meeting notes from the Tuesday call.\nActions are listed below.");

        var document = await ExtractAsync(bytes);

        Assert.Equal("Meeting notes from the Tuesday call.\nActions are listed below.", document.Text);
        Assert.Contains(document.Warnings, warning => warning.Contains("UTF-16 LE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExtractAsync_CrLfText_NormalisesLineEndings()
    {
        var document = await ExtractAsync(Encoding.UTF8.GetBytes("Line one\r\nLine two   \r\n\r\nLine four\r\n"));

        Assert.Equal("Line one\nLine two\n\nLine four", document.Text);
    }

    [Fact]
    public async Task ExtractAsync_Csv_KeepsRowsAsLines()
    {
        const string csv = "order_id,customer,email,total\nORD-1,Ann Lee,ann@example.com,19.99\nORD-2,\"Smith, Bob\",bob@example.com,5.00\nORD-3,Cy Young,cy@example.com,7.25\n";

        var document = await ExtractAsync(Encoding.UTF8.GetBytes(csv), "orders.csv");

        Assert.Equal(DocumentKind.Csv, document.Kind);
        Assert.Equal("text/csv", document.MediaType);
        Assert.Equal(csv.TrimEnd('\n'), document.Text);
    }

    [Fact]
    public async Task ExtractAsync_SemicolonCsv_IsCsv()
    {
        var document = await ExtractAsync(Encoding.UTF8.GetBytes("name;city;amount\nJan;Gent;12,50\nEls;Brugge;7,00\n"));

        Assert.Equal(DocumentKind.Csv, document.Kind);
    }

    [Fact]
    public async Task ExtractAsync_MinifiedJson_IsIndentedWithContentKept()
    {
        const string json = """{"customer":{"name":"Zoë Brontë","email":"zoe@example.com"},"items":[{"sku":"A-1","qty":2}],"note":"<b>fragile</b> & \"heavy\""}""";

        var document = await ExtractAsync(Encoding.UTF8.GetBytes(json), "order.json");

        Assert.Equal(DocumentKind.Json, document.Kind);
        Assert.Contains("\n", document.Text, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"Zoë Brontë\"", document.Text, StringComparison.Ordinal);
        Assert.Contains("zoe@example.com", document.Text, StringComparison.Ordinal);
        Assert.Contains("<b>fragile</b> & \\\"heavy\\\"", document.Text, StringComparison.Ordinal);
        using var reparsed = System.Text.Json.JsonDocument.Parse(document.Text);
        Assert.Equal("A-1", reparsed.RootElement.GetProperty("items")[0].GetProperty("sku").GetString());
    }

    [Fact]
    public async Task ExtractAsync_JsonLines_IsJsonKeptLineByLine()
    {
        const string lines = "{\"event\":\"login\",\"user\":\"ann\"}\n{\"event\":\"logout\",\"user\":\"ann\"}\n";

        var document = await ExtractAsync(Encoding.UTF8.GetBytes(lines));

        Assert.Equal(DocumentKind.Json, document.Kind);
        Assert.Equal(lines.TrimEnd('\n'), document.Text);
    }

    [Fact]
    public async Task ExtractAsync_Markdown_IsMarkdownWithTitleFromFirstHeading()
    {
        const string markdown = "# Release notes 2.3\n\nThis release fixes **three** bugs.\n\n## Fixed\n\n- Login loop on Safari\n- [Export](https://example.com/export) timeouts\n";

        var document = await ExtractAsync(Encoding.UTF8.GetBytes(markdown), "notes.md");

        Assert.Equal(DocumentKind.Markdown, document.Kind);
        Assert.Equal("Release notes 2.3", document.Title);
        Assert.Equal(markdown.TrimEnd('\n'), document.Text);
    }

    [Fact]
    public async Task ExtractAsync_PlainProse_IsText()
    {
        const string prose = "Dear team,\n\nThe office will be closed on Friday, 3 May, for maintenance.\nPlease take your laptops home on Thursday.\n\nThanks,\nFacilities";

        var document = await ExtractAsync(Encoding.UTF8.GetBytes(prose));

        Assert.Equal(DocumentKind.Text, document.Kind);
        Assert.Equal(prose, document.Text);
    }

    [Fact]
    public async Task ExtractAsync_Latin1Text_RejectsAsUnsupportedEncoding()
    {
        var bytes = Encoding.Latin1.GetBytes("Café menu: crème brûlée, 4,50 €uro-free prices.");

        var rejection = await RejectedAsync(bytes, RejectionReason.UnsupportedEncoding);

        Assert.Contains("UTF-8", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("offset 3", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_WhitespaceOnly_RejectsAsEmpty()
    {
        await RejectedAsync(Encoding.UTF8.GetBytes(" \n\t \r\n  "), RejectionReason.Empty);
    }

    [Fact]
    public async Task ExtractAsync_TextOverCharacterLimit_RejectsAsTooMuchText()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Repeat("A line of ordinary text.", 100)));

        await RejectedAsync(bytes, RejectionReason.TooMuchText, limits: new ExtractionLimits { MaxCharacters = 500 });
    }

    [Fact]
    public async Task ExtractAsync_SvgImage_RejectsAsUnsupported()
    {
        var bytes = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><text>hi</text></svg>");

        var rejection = await RejectedAsync(bytes, RejectionReason.UnsupportedType, "logo.html");

        Assert.Equal("SVG image", rejection.DetectedFormat);
    }
}
