using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Host.Triggers;
using DocPipeline.Tests.DurableTask.AzureStorage;

namespace DocPipeline.Tests.Functions.Triggers;

[Collection(AzuriteCollection.Name)]
public sealed class IngestQueueTriggerTests(AzuriteFixture azurite) : AzuriteTriggerTestBase(azurite)
{
    private const string UploadsContainer = "uploads";

    [Theory]
    [InlineData("eventgrid", false, 1)]
    [InlineData("eventgrid", true, 1)]
    [InlineData("eventgrid", true, 3)]
    [InlineData("cloudevents", false, 2)]
    [InlineData("cloudevents", true, 1)]
    [InlineData("cloudevents", false, 1)]
    public async Task BlobCreatedEvents_EveryBlobSubmitted_MessageDeleted(string schema, bool base64, int blobs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartQueueOnlyAsync(timeout.Token);
        var trigger = host.Get<IngestQueueTrigger>();
        var uploads = await UploadsAsync(timeout.Token);
        var documents = new List<(string Name, byte[] Content)>();
        var events = new List<JsonObject>();
        for (var i = 0; i < blobs; i++)
        {
            var name = $"{schema}-{base64}-{Guid.NewGuid():N}/doc{i}.txt";
            var content = TestDocuments.Memo(name);
            var blob = await UploadAsync(uploads, name, content, timeout.Token);
            documents.Add((name, content));
            events.Add(schema == "eventgrid"
                ? BlobEvents.EventGrid(blob.Uri, UploadsContainer, name, content.Length)
                : BlobEvents.CloudEvent(blob.Uri, UploadsContainer, name, content.Length));
        }

        await Queue.SendMessageAsync(BlobEvents.Message(events, base64, forceArray: blobs > 1), timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, async () => await AllSubmittedAsync(host, documents, timeout.Token) && await QueueIsEmptyAsync(timeout.Token), timeout.Token);

        foreach (var (name, content) in documents)
        {
            var instance = await host.InstanceForAsync(content, timeout.Token);
            var input = instance!.ReadInputAs<DocumentPipelineInput>()!;
            Assert.Equal((name, "queue"), (input.SourceName, input.Trigger));
            var done = await host.Client.WaitForInstanceCompletionAsync(instance.InstanceId, getInputsAndOutputs: true, cancellation: timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        }

        Assert.Empty(await PoisonMessagesAsync(timeout.Token));
    }

    [Fact]
    public async Task BlobUrlMessage_BlobSubmitted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartQueueOnlyAsync(timeout.Token);
        var trigger = host.Get<IngestQueueTrigger>();
        var content = TestDocuments.Memo("queue-url");
        var blob = await UploadAsync(await UploadsAsync(timeout.Token), $"url-{Guid.NewGuid():N}.txt", content, timeout.Token);

        await Queue.SendMessageAsync(blob.Uri.ToString(), timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, async () => await host.InstanceForAsync(content, timeout.Token) is not null && await QueueIsEmptyAsync(timeout.Token), timeout.Token);

        Assert.Equal(blob.Name, (await host.InstanceForAsync(content, timeout.Token))!.ReadInputAs<DocumentPipelineInput>()!.SourceName);
    }

    [Fact]
    public async Task UnparseableMessage_PoisonedAtOnceWithParserReason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartQueueOnlyAsync(timeout.Token);
        var trigger = host.Get<IngestQueueTrigger>();
        const string body = "{\"eventType\": \"Microsoft.Storage.BlobCreated\", \"subject\": \"nowhere\"}";

        await Queue.SendMessageAsync(body, timeout.Token);
        var poison = await WaitForPoisonAsync(trigger, 1, timeout.Token);

        var message = Assert.Single(poison);
        Assert.Equal(body, message.Body);
        Assert.Equal(1, message.DequeueCount);
        Assert.Equal(QueueName, message.Queue);
        Assert.Contains("The event has no 'id'", message.Reason, StringComparison.Ordinal);

        // The message is moved to the poison queue first and deleted after, so its deletion may trail a moment.
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => QueueIsEmptyAsync(timeout.Token), timeout.Token);
        Assert.True(await QueueIsEmptyAsync(timeout.Token));
    }

    [Fact]
    public async Task MissingBlob_PoisonedAtOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartQueueOnlyAsync(timeout.Token);
        var trigger = host.Get<IngestQueueTrigger>();
        var uploads = await UploadsAsync(timeout.Token);
        var missing = uploads.GetBlobClient("never-uploaded.txt");

        await Queue.SendMessageAsync(BlobEvents.Message([BlobEvents.EventGrid(missing.Uri, UploadsContainer, missing.Name, 10)], base64: true), timeout.Token);
        var message = Assert.Single(await WaitForPoisonAsync(trigger, 1, timeout.Token));

        Assert.Contains("'uploads/never-uploaded.txt' does not exist", message.Reason, StringComparison.Ordinal);
        Assert.Equal(1, message.DequeueCount);
    }

    [Fact]
    public async Task BlobLargerThanLimit_PoisonedAtOnceWithoutDownload()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartQueueOnlyAsync(timeout.Token, new() { ["Pipeline:MaxDocumentBytes"] = "100" });
        var trigger = host.Get<IngestQueueTrigger>();
        var content = TestDocuments.Memo("queue-big");
        var blob = await UploadAsync(await UploadsAsync(timeout.Token), $"big-{Guid.NewGuid():N}.txt", content, timeout.Token);

        await Queue.SendMessageAsync(blob.Uri.ToString(), timeout.Token);
        var message = Assert.Single(await WaitForPoisonAsync(trigger, 1, timeout.Token));

        Assert.Contains("the limit is 100 (Pipeline:MaxDocumentBytes)", message.Reason, StringComparison.Ordinal);
        Assert.Null(await host.InstanceForAsync(content, timeout.Token));
    }

    [Fact]
    public async Task FailingBlobSource_RetriedThenPoisonedAfterMaxDequeueCount()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await using var host = await StartQueueOnlyAsync(timeout.Token, new() { ["Pipeline:IngestQueue:MaxDequeueCount"] = "3" });
        var trigger = host.Get<IngestQueueTrigger>();

        // A blob in another account, reached through a SAS URL whose host refuses connections: a failure that might pass.
        var unreachable = new Uri("http://127.0.0.1:1/otheraccount/docs/elsewhere.txt?sv=2024-08-04&sig=c2ln");
        await Queue.SendMessageAsync(unreachable.ToString(), timeout.Token);
        var message = Assert.Single(await WaitForPoisonAsync(trigger, 1, timeout.Token));

        Assert.Equal(3, message.DequeueCount);
        Assert.StartsWith("Failed 3 times; the last error:", message.Reason, StringComparison.Ordinal);
        Assert.Equal(unreachable.ToString(), message.Body);

        // The message is moved to the poison queue first and deleted after, so its deletion may trail a moment.
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => QueueIsEmptyAsync(timeout.Token), timeout.Token);
        Assert.True(await QueueIsEmptyAsync(timeout.Token));
    }

    [Fact]
    public async Task OnlyOtherEventTypes_MessageDeletedWithoutSubmitting()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartQueueOnlyAsync(timeout.Token);
        var trigger = host.Get<IngestQueueTrigger>();
        var uploads = await UploadsAsync(timeout.Token);
        var deleted = BlobEvents.EventGrid(uploads.GetBlobClient("gone.txt").Uri, UploadsContainer, "gone.txt", 0, "Microsoft.Storage.BlobDeleted");

        await Queue.SendMessageAsync(BlobEvents.Message([deleted], base64: false), timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => QueueIsEmptyAsync(timeout.Token), timeout.Token);

        Assert.Empty(await PoisonMessagesAsync(timeout.Token));
        Assert.Empty(await host.Client.GetAllInstancesAsync().ToListAsync(timeout.Token));
    }

    [Fact]
    public async Task EventForContainerNotRead_MessageDeletedWithoutSubmitting()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartQueueOnlyAsync(timeout.Token, new() { ["Pipeline:IntakeContainers:0"] = "incoming" });
        var trigger = host.Get<IngestQueueTrigger>();
        var content = TestDocuments.Memo("queue-other-container");
        var blob = await UploadAsync(await UploadsAsync(timeout.Token), $"elsewhere-{Guid.NewGuid():N}.txt", content, timeout.Token);

        await Queue.SendMessageAsync(BlobEvents.Message([BlobEvents.CloudEvent(blob.Uri, UploadsContainer, blob.Name, content.Length)], base64: true), timeout.Token);
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, () => QueueIsEmptyAsync(timeout.Token), timeout.Token);

        Assert.Null(await host.InstanceForAsync(content, timeout.Token));
        Assert.Empty(await PoisonMessagesAsync(timeout.Token));
    }

    private async Task<TriggerTestHost> StartQueueOnlyAsync(CancellationToken cancellationToken, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? []) { ["Pipeline:BlobDrop:Enabled"] = "false" };

        // Producers need the queue before the trigger may have got round to creating it.
        await Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return await StartAsync(cancellationToken, all);
    }

    private async Task<BlobContainerClient> UploadsAsync(CancellationToken cancellationToken)
    {
        var uploads = Blobs.GetBlobContainerClient(UploadsContainer);
        await uploads.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return uploads;
    }

    private static async Task<BlobClient> UploadAsync(BlobContainerClient container, string name, byte[] content, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
        return blob;
    }

    private static async Task<bool> AllSubmittedAsync(TriggerTestHost host, List<(string Name, byte[] Content)> documents, CancellationToken cancellationToken)
    {
        foreach (var (_, content) in documents)
        {
            if (await host.InstanceForAsync(content, cancellationToken) is null)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> QueueIsEmptyAsync(CancellationToken cancellationToken)
    {
        var properties = await Queue.GetPropertiesAsync(cancellationToken);
        return properties.Value.ApproximateMessagesCount == 0;
    }

    private async Task<List<PoisonMessage>> PoisonMessagesAsync(CancellationToken cancellationToken)
    {
        if (!await PoisonQueue.ExistsAsync(cancellationToken))
        {
            return [];
        }

        var peeked = await PoisonQueue.PeekMessagesAsync(32, cancellationToken);
        return peeked.Value.Select(m => JsonSerializer.Deserialize<PoisonMessage>(m.Body.ToString(), JsonSerializerOptions.Web)!).ToList();
    }

    private async Task<List<PoisonMessage>> WaitForPoisonAsync(IngestQueueTrigger trigger, int count, CancellationToken cancellationToken)
    {
        List<PoisonMessage> poison = [];
        await TriggerTestHost.WaitUntilAsync(trigger.Progress, async () => (poison = await PoisonMessagesAsync(cancellationToken)).Count >= count, cancellationToken);
        return poison;
    }
}
