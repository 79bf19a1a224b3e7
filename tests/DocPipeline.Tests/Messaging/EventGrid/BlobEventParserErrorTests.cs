using System.Text;
using DocPipeline.Messaging.EventGrid;

namespace DocPipeline.Tests.Messaging.EventGrid;

public sealed class BlobEventParserErrorTests
{
    private const string Subject = "/blobServices/default/containers/incoming/blobs/a.pdf";
    private const string Envelope = "\"id\":\"x1\",\"dataVersion\":\"\",\"eventTime\":\"2024-01-01T00:00:00Z\"";

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData(" \r\n\t ", "empty")]
    [InlineData("\uFEFF", "empty")]
    [InlineData("hello world", "neither JSON, a blob URL, nor base64")]
    [InlineData("ftp://host/c/b", "neither JSON, a blob URL, nor base64")]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"eventType\": \"Microsoft.Storage.BlobCreated\",}", "not valid JSON")]
    [InlineData("[]", "empty JSON array")]
    [InlineData("[1]", "Event 0 of 1 is a JSON number")]
    [InlineData("42", "JSON number")]
    [InlineData("true", "JSON boolean")]
    [InlineData("\"just words\"", "JSON string")]
    [InlineData("{\"foo\":1}", "neither an Event Grid event")]
    [InlineData("{\"eventType\":\"\"}", "no 'eventType', or it is empty")]
    [InlineData("{\"eventType\":7}", "'eventType' is a JSON number; expected a string")]
    [InlineData("{\"eventType\":{\"a\":1}}", "'eventType' is a JSON object; expected a string")]
    [InlineData("https://acct.blob.core.windows.net/onlycontainer", "does not name a container and a blob")]
    [InlineData("{\"container\":\"incoming\"}", "no blob ('name')")]
    [InlineData("{\"container\":\"a/b\",\"name\":\"x\"}", "not a valid container and blob name")]
    [InlineData("{\"url\":\"not a url\"}", "'url' is not an absolute http(s) URL")]
    public void Parse_Invalid_ThrowsSayingWhatIsWrong(string? body, string expected)
    {
        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(body));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated","id":"x1","subject":"{{{Subject}}}","dataVersion":""}""", "(id 'x1') has no 'data'")]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated","subject":"{{{Subject}}}","dataVersion":"","data":{}}""", "has no 'id'")]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated","id":"x1","subject":"{{{Subject}}}","data":{}}""", "(id 'x1') has no 'dataVersion'")]
    [InlineData("""{"eventType":"Microsoft.Storage.BlobCreated","id":"x1","dataVersion":"","data":{}}""", "(id 'x1') has no 'subject'")]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated",{{{Envelope}}},"subject":"{{{Subject}}}","data":[1]}""", "'data' is a JSON array; expected an object")]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated",{{{Envelope}}},"subject":"{{{Subject}}}","data":{"url":"/relative/path"}}""", "'url' is not an absolute http(s) URL")]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated",{{{Envelope}}},"subject":"{{{Subject}}}","data":{"url":7}}""", "'url' is a JSON number; expected a string")]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated",{{{Envelope}}},"subject":"{{{Subject}}}","data":{"contentLength":-5}}""", "'contentLength' must be a non-negative whole number")]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated",{{{Envelope}}},"subject":"{{{Subject}}}","data":{"contentLength":"lots"}}""", "'contentLength' must be a non-negative whole number")]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated","id":"x1","dataVersion":"","subject":"{{{Subject}}}","eventTime":"yesterday","data":{}}""", "'eventTime' is not an ISO 8601 time")]
    [InlineData($$$"""{"eventType":"Microsoft.Storage.BlobCreated",{{{Envelope}}},"subject":"/somewhere/else","data":{}}""", "does not say which blob was created")]
    [InlineData($$$"""{"specversion":"2.0","type":"Microsoft.Storage.BlobCreated","source":"/s","id":"c1","subject":"{{{Subject}}}","data":{}}""", "spec version '2.0'")]
    [InlineData($$$"""{"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/s","subject":"{{{Subject}}}","data":{}}""", "has no 'id'")]
    [InlineData($$$"""{"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","id":"c1","subject":"{{{Subject}}}","data":{}}""", "(id 'c1') has no 'source'")]
    [InlineData($$$"""{"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/s","id":"c1","subject":"{{{Subject}}}"}""", "without 'data' or 'data_base64'")]
    [InlineData($$$"""{"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/s","id":"c1","subject":"{{{Subject}}}","data_base64":"!!"}""", "'data_base64' is not base64-encoded JSON")]
    [InlineData($$$"""{"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/s","id":"c1","subject":"{{{Subject}}}","data":"just text"}""", "'data' is a JSON string; expected an object")]
    [InlineData($$$"""{"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/s","id":"c1","subject":"{{{Subject}}}","ext":{"secret":"TOPSECRET"},"data":{}}""", "(id 'c1') is not a valid CloudEvent:")]
    public void Parse_MalformedBlobCreated_ThrowsNamingTheField(string body, string expected)
    {
        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(body));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadEventInBatch_NamesItsIndexAndId()
    {
        var body = $$$"""
            [
              {"eventType":"Microsoft.Storage.BlobCreated","id":"ok","dataVersion":"","subject":"{{{Subject}}}","data":{}},
              {"eventType":"Microsoft.Storage.BlobCreated","id":"bad","dataVersion":"","subject":"{{{Subject}}}","data":{"contentLength":true}}
            ]
            """;

        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(body));

        Assert.StartsWith("Event 1 of 2 (id 'bad')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Base64OfBinary_ThrowsClearError()
    {
        var body = Convert.ToBase64String([0xFF, 0xFE, 0x00, 0x81, 0x9C, 0xC0]);

        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(body));

        Assert.Contains("neither JSON, a blob URL, nor base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Base64OfPlainText_ThrowsClearError()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("just some words"));

        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(body));

        Assert.Contains("base64-encoded, but what it decodes to is neither JSON nor a blob URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Base64OfInvalidJson_ReportsJsonError()
    {
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"eventType\": "));

        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(body));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void Parse_BodyOverLimit_ThrowsWithLimit()
    {
        var body = "[" + new string(' ', 2 * 1024 * 1024) + "]";

        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(body));

        Assert.Contains("the limit is 1,048,576", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyEvents_ThrowsWithLimit()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("{\"container\":\"c\",\"name\":\"n\"}", 11)) + "]";

        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(body, new BlobEventParserOptions { MaxEvents = 10 }));

        Assert.Contains("11 events; the limit is 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeeplyNestedJson_ThrowsInsteadOfOverflowing()
    {
        var body = new string('[', 10_000) + new string(']', 10_000);

        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(body));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UrlWithSasButNoBlob_ErrorOmitsQuery()
    {
        var error = Assert.Throws<BlobEventParseException>(
            () => BlobEventParser.Parse("https://acct.blob.core.windows.net/incoming?sv=1&sig=TOPSECRET"));

        Assert.DoesNotContain("TOPSECRET", error.Message, StringComparison.Ordinal);
        Assert.Contains("https://acct.blob.core.windows.net/incoming", error.Message, StringComparison.Ordinal);
    }
}
