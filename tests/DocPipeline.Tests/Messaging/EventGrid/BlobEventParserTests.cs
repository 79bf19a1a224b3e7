using System.Text;
using DocPipeline.Messaging.EventGrid;
using DocPipeline.Tests.Messaging.TestSupport;

namespace DocPipeline.Tests.Messaging.EventGrid;

public sealed class BlobEventParserTests
{
    [Fact]
    public void Parse_EventGridSingle_ReadsEveryField()
    {
        var result = BlobEventParser.Parse(TestData("eventgrid-blobcreated.json"));

        var created = Assert.Single(result.Created);
        Assert.Empty(result.Ignored);
        Assert.False(result.WasBase64Encoded);
        Assert.Equal("incoming", created.Container);
        Assert.Equal("2024/invoices/INV-0042.pdf", created.BlobName);
        Assert.Equal(BlobEventFormat.EventGrid, created.Format);
        Assert.Equal(new Uri("https://docpipelinestore.blob.core.windows.net/incoming/2024/invoices/INV-0042.pdf"), created.Url);
        Assert.Equal("docpipelinestore", created.AccountName);
        Assert.Equal("0x8DC1234567890AB", created.ETag);
        Assert.Equal(183245, created.ContentLength);
        Assert.Equal("application/pdf", created.ContentType);
        Assert.Equal("00000000000000000000000000017A3F0000000000a1b2c3", created.Sequencer);
        Assert.Equal("PutBlockList", created.Api);
        Assert.Equal("BlockBlob", created.BlobType);
        Assert.Equal("7f1c2d3e-0001-4a5b-8c9d-aabbccddeeff", created.EventId);
        Assert.Equal(new DateTimeOffset(2024, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5897932), created.EventTime);
    }

    [Fact]
    public void Parse_EventGridSingleBase64_SameNotificationAndFlagged()
    {
        var plain = BlobEventParser.Parse(TestData("eventgrid-blobcreated.json"));

        var encoded = BlobEventParser.Parse(Base64(TestData("eventgrid-blobcreated.json")));

        Assert.True(encoded.WasBase64Encoded);
        Assert.Equal(plain.Created, encoded.Created);
    }

    [Fact]
    public void Parse_EventGridArrayMixedTypes_CreatedAndIgnoredInOrder()
    {
        var result = BlobEventParser.Parse(TestData("eventgrid-batch-mixed.json"));

        Assert.Equal(["contract one.docx", "scans/page-7.html"], result.Created.Select(c => c.BlobName));
        Assert.Equal(["evt-1", "evt-4"], result.Created.Select(c => c.EventId));
        Assert.Equal(["Microsoft.Storage.BlobDeleted", "Microsoft.EventGrid.SubscriptionValidationEvent"], result.Ignored.Select(i => i.EventType));
        Assert.Equal("/blobServices/default/containers/incoming/blobs/old.txt", result.Ignored[0].Subject);
        Assert.Contains("not Microsoft.Storage.BlobCreated", result.Ignored[0].Reason, StringComparison.Ordinal);
        Assert.Equal("CopyBlob", result.Created[1].Api);
    }

    [Fact]
    public void Parse_CloudEventSingle_ReadsEveryField()
    {
        var result = BlobEventParser.Parse(TestData("cloudevents-blobcreated.json"));

        var created = Assert.Single(result.Created);
        Assert.Equal(BlobEventFormat.CloudEvents, created.Format);
        Assert.Equal("incoming", created.Container);
        Assert.Equal("letters/résumé.txt", created.BlobName);
        Assert.Equal("docpipelinestore", created.AccountName);
        Assert.Equal("0x8DC9999999999999", created.ETag);
        Assert.Equal(2048, created.ContentLength);
        Assert.Equal("text/plain; charset=utf-8", created.ContentType);
        Assert.Equal("00000000000000000000000000020B000000000000000abc", created.Sequencer);
        Assert.Equal("ce-0001", created.EventId);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 17, 45, 12, 123, TimeSpan.Zero), created.EventTime);
    }

    [Fact]
    public void Parse_CloudEventsArrayBase64_CreatedAndIgnored()
    {
        var result = BlobEventParser.Parse(Base64(TestData("cloudevents-batch.json")));

        Assert.True(result.WasBase64Encoded);
        var created = Assert.Single(result.Created);
        Assert.Equal("a.pdf", created.BlobName);
        Assert.Equal(4096, created.ContentLength);
        var ignored = Assert.Single(result.Ignored);
        Assert.Equal("Microsoft.Storage.BlobTierChanged", ignored.EventType);
        Assert.Equal("ce-b", ignored.EventId);
    }

    [Fact]
    public void Parse_CloudEventWithDataBase64_DecodesData()
    {
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"url":"https://acct.blob.core.windows.net/incoming/x.pdf","contentLength":12,"eTag":"0x1"}"""));
        var body = $$"""
            {"specversion":"1.0","type":"Microsoft.Storage.BlobCreated","source":"/x","id":"b64",
             "subject":"/blobServices/default/containers/incoming/blobs/x.pdf","data_base64":"{{data}}"}
            """;

        var created = Assert.Single(BlobEventParser.Parse(body).Created);

        Assert.Equal("x.pdf", created.BlobName);
        Assert.Equal(12, created.ContentLength);
        Assert.Equal("0x1", created.ETag);
    }

    [Fact]
    public void Parse_ArrayMixingSchemas_ReadsBoth()
    {
        var body = $"[{TestData("eventgrid-blobcreated.json")},{TestData("cloudevents-blobcreated.json")}]";

        var result = BlobEventParser.Parse(body);

        Assert.Equal([BlobEventFormat.EventGrid, BlobEventFormat.CloudEvents], result.Created.Select(c => c.Format));
    }

    [Fact]
    public void Parse_PlainBlobUrl_DecodesNameAndKeepsQuery()
    {
        var result = BlobEventParser.Parse("  https://acct.blob.core.windows.net/incoming/folder/My%20File%2B1.pdf?sv=2024&sig=abc  ");

        var created = Assert.Single(result.Created);
        Assert.Equal(BlobEventFormat.BlobUrl, created.Format);
        Assert.Equal("incoming", created.Container);
        Assert.Equal("folder/My File+1.pdf", created.BlobName);
        Assert.Equal("acct", created.AccountName);
        Assert.Equal("?sv=2024&sig=abc", created.Url!.Query);
        Assert.Null(created.EventId);
    }

    [Fact]
    public void Parse_Base64BlobUrl_Decoded()
    {
        var result = BlobEventParser.Parse(Base64("https://acct.blob.core.windows.net/incoming/a.txt"));

        Assert.True(result.WasBase64Encoded);
        Assert.Equal("a.txt", Assert.Single(result.Created).BlobName);
    }

    [Fact]
    public void Parse_AzuritePathStyleUrl_SkipsAccountSegment()
    {
        var created = Assert.Single(BlobEventParser.Parse("http://127.0.0.1:10000/devstoreaccount1/incoming/docs/a.pdf").Created);

        Assert.Equal("devstoreaccount1", created.AccountName);
        Assert.Equal("incoming", created.Container);
        Assert.Equal("docs/a.pdf", created.BlobName);
    }

    [Fact]
    public void Parse_JsonStringHoldingUrl_Accepted()
    {
        var created = Assert.Single(BlobEventParser.Parse("\"https://acct.blob.core.windows.net/incoming/a.txt\"").Created);

        Assert.Equal("a.txt", created.BlobName);
    }

    [Fact]
    public void Parse_SimpleUrlObject_Accepted()
    {
        var created = Assert.Single(BlobEventParser.Parse("""{ "url": "https://acct.blob.core.windows.net/incoming/b.docx" }""").Created);

        Assert.Equal(BlobEventFormat.SimpleJson, created.Format);
        Assert.Equal("incoming", created.Container);
        Assert.Equal("b.docx", created.BlobName);
    }

    [Fact]
    public void Parse_SimpleContainerNameObject_TakesNameVerbatim()
    {
        var created = Assert.Single(BlobEventParser.Parse("""{"container":"incoming","name":"100% real/a b.txt","contentLength":5}""").Created);

        Assert.Equal("incoming", created.Container);
        Assert.Equal("100% real/a b.txt", created.BlobName);
        Assert.Equal(5, created.ContentLength);
        Assert.Null(created.Url);
    }

    [Fact]
    public void Parse_SubjectNotABlobPath_UsesDataUrl()
    {
        var body = """
            {"eventType":"Microsoft.Storage.BlobCreated","id":"n1","subject":"","dataVersion":"","data":{"url":"https://acct.blob.core.windows.net/c1/x/y.txt"}}
            """;

        var created = Assert.Single(BlobEventParser.Parse(body).Created);

        Assert.Equal("c1", created.Container);
        Assert.Equal("x/y.txt", created.BlobName);
    }

    [Fact]
    public void Parse_OnlyOtherEventTypes_NothingCreatedAllIgnored()
    {
        var body = """
            {"eventType":"Microsoft.Storage.BlobDeleted","id":"d1","subject":"/blobServices/default/containers/c/blobs/x","dataVersion":"","eventTime":"2024-01-01T00:00:00Z","data":{}}
            """;

        var result = BlobEventParser.Parse(body);

        Assert.Empty(result.Created);
        Assert.Equal("d1", Assert.Single(result.Ignored).EventId);
    }

    [Fact]
    public void Parse_LargeValidBatch_ReadsEveryEvent()
    {
        var template = TestData("eventgrid-blobcreated.json");
        var body = "[" + string.Join(",", Enumerable.Range(0, 2000).Select(i => template.Replace("INV-0042", $"INV-{i:D5}", StringComparison.Ordinal))) + "]";

        var result = BlobEventParser.Parse(body, new BlobEventParserOptions { MaxBodyLength = 8 * 1024 * 1024 });

        Assert.Equal(2000, result.Created.Count);
        Assert.Equal("2024/invoices/INV-01999.pdf", result.Created[^1].BlobName);
    }

    [Fact]
    public void Parse_BinaryData_ReadsUtf8()
    {
        var result = BlobEventParser.Parse(BinaryData.FromString(TestData("cloudevents-blobcreated.json")));

        Assert.Single(result.Created);
    }

    [Fact]
    public void Parse_BinaryDataNotUtf8_ThrowsClearError()
    {
        var error = Assert.Throws<BlobEventParseException>(() => BlobEventParser.Parse(BinaryData.FromBytes(new byte[] { 0xC3, 0x28, 0xFF })));

        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EventForContainerNotRead_IgnoredWithReason()
    {
        var options = new BlobEventParserOptions { Containers = ["uploads", "scans"] };

        var result = BlobEventParser.Parse(TestData("eventgrid-blobcreated.json"), options);

        Assert.Empty(result.Created);
        var ignored = Assert.Single(result.Ignored);
        Assert.Equal((BlobEventParser.BlobCreatedEventType, "7f1c2d3e-0001-4a5b-8c9d-aabbccddeeff"), (ignored.EventType, ignored.EventId));
        Assert.Equal("/blobServices/default/containers/incoming/blobs/2024/invoices/INV-0042.pdf", ignored.Subject);
        Assert.Contains("Container 'incoming' is not read by this intake (it reads 'uploads', 'scans')", ignored.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BatchSpanningContainers_KeepsOnlyTheContainersRead()
    {
        var options = new BlobEventParserOptions { Containers = ["INCOMING"] };
        var other = TestData("cloudevents-blobcreated.json").Replace("/containers/incoming/", "/containers/archive/", StringComparison.Ordinal);
        var body = $"[{TestData("cloudevents-blobcreated.json")},{other}]";

        var result = BlobEventParser.Parse(body, options);

        Assert.Equal("incoming", Assert.Single(result.Created).Container);
        Assert.Contains("'archive'", Assert.Single(result.Ignored).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BlobUrlInContainerNotRead_Ignored()
    {
        var options = new BlobEventParserOptions { Containers = ["incoming"] };

        var result = BlobEventParser.Parse("https://acct.blob.core.windows.net/elsewhere/a.txt", options);

        Assert.Empty(result.Created);
        Assert.Equal("blob URL", Assert.Single(result.Ignored).EventType);
    }

    [Fact]
    public void LogIgnored_SkippedEvents_OneLinePerEvent()
    {
        var logger = new RecordingLogger<BlobEventParserTests>();
        var result = BlobEventParser.Parse(TestData("eventgrid-batch-mixed.json"), new BlobEventParserOptions { Containers = ["incoming"] });

        result.LogIgnored(logger);

        Assert.Equal(2, logger.Count(4101));
        Assert.Contains(logger.Entries, e => e.Message.Contains("Microsoft.Storage.BlobDeleted", StringComparison.Ordinal) && e.Message.Contains("evt-2", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_Garbage_ReturnsFalseWithReason()
    {
        var ok = BlobEventParser.TryParse("%%% not an event %%%", out var result, out var error);

        Assert.False(ok);
        Assert.Null(result);
        Assert.Contains("neither JSON, a blob URL, nor base64", error, StringComparison.Ordinal);
    }

    private static string TestData(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Messaging", "TestData", name));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
