using System.Text;
using DocPipeline.Pipeline;
using DocPipeline.Host.Triggers;
using Azure.Messaging.ServiceBus;
using DocPipeline.Messaging.EventGrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DocPipeline.Tests.Functions.Triggers;

public sealed class ServiceBusDocumentReaderTests
{
    private readonly ServiceBusDocumentReader _reader;

    public ServiceBusDocumentReaderTests()
    {
        var pipeline = Options.Create(new PipelineOptions { MaxDocumentBytes = 1000 });
        var fetcher = new BlobFetcher(new TriggerStorage(TriggerEnvironment.Embedded(Path.GetTempPath())), pipeline);
        _reader = new ServiceBusDocumentReader(fetcher, BlobEventParserOptions.Default, pipeline, NullLogger<ServiceBusDocumentReader>.Instance);
    }

    [Fact]
    public async Task ReadAsync_NameProperty_BodyIsTheDocumentEvenWhenItLooksLikeAUrl()
    {
        var message = Message("https://example.com/c/blob.txt", properties: new Dictionary<string, object> { ["Name"] = "link.txt" });

        var document = Assert.Single(await ReadAllAsync(message));

        Assert.Equal(("link.txt", "https://example.com/c/blob.txt"), (document.SourceName, Encoding.UTF8.GetString(document.Content.Span)));
    }

    [Fact]
    public async Task ReadAsync_PlainTextWithoutName_NamedByMessageId()
    {
        var document = Assert.Single(await ReadAllAsync(Message("Quarterly numbers are up.", contentType: "text/plain")));

        Assert.Equal("servicebus-m1", document.SourceName);
    }

    [Fact]
    public async Task ReadAsync_JsonThatIsNoNotification_RejectedWithParserReason()
    {
        var error = await Assert.ThrowsAsync<UnprocessableInputException>(() => ReadAllAsync(Message("{\"order\": 1}", contentType: "application/json; charset=utf-8")));

        Assert.Contains("sent as 'application/json; charset=utf-8' but is not a blob notification", error.Message, StringComparison.Ordinal);
        Assert.Contains("neither an Event Grid event", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_DocumentOverLimit_Rejected()
    {
        var error = await Assert.ThrowsAsync<UnprocessableInputException>(() => ReadAllAsync(Message(new string('a', 1001), label: "big.txt")));

        Assert.Contains("1,001 bytes; the limit is 1,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BlobNamedWithoutUrlAndNoStorage_Rejected()
    {
        var error = await Assert.ThrowsAsync<UnprocessableInputException>(() => ReadAllAsync(Message("{\"container\": \"docs\", \"name\": \"a.txt\"}", contentType: "application/json")));

        Assert.Contains("'docs/a.txt' is named without a URL, and no storage account is configured", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<FetchedDocument>> ReadAllAsync(ServiceBusReceivedMessage message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var documents = new List<FetchedDocument>();
        await foreach (var document in _reader.ReadAsync(message, timeout.Token))
        {
            documents.Add(document);
        }

        return documents;
    }

    private static ServiceBusReceivedMessage Message(string body, string? contentType = null, string? label = null, Dictionary<string, object>? properties = null) =>
        ServiceBusTestSupport.Message(BinaryData.FromString(body), contentType: contentType, subject: label, properties: properties);
}
