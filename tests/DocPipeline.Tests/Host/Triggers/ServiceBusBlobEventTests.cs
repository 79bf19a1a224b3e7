using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Tests.DurableTask.AzureStorage;

namespace DocPipeline.Tests.Functions.Triggers;

/// <summary>Service Bus messages carrying BlobCreated events, with the blobs in a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServiceBusBlobEventTests(AzuriteFixture azurite) : AzuriteTriggerTestBase(azurite)
{
    [Fact]
    public async Task HandleAsync_CloudEventForBlob_DownloadedWithStorageCredentialsSubmittedCompleted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartBlobsOnlyAsync(timeout.Token);
        var content = TestDocuments.Memo("sb-blob");
        var uploads = Blobs.GetBlobContainerClient("private" + Guid.NewGuid().ToString("N")[..8]);
        await uploads.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var blob = uploads.GetBlobClient("contract.txt");
        await blob.UploadAsync(new BinaryData(content), timeout.Token);
        var body = BlobEvents.Message([BlobEvents.CloudEvent(blob.Uri, uploads.Name, blob.Name, content.Length)], base64: false);
        var message = ServiceBusTestSupport.Message(BinaryData.FromString(body), contentType: "application/cloudevents+json");
        var receiver = ServiceBusTestSupport.Receiver();

        await ServiceBusTestSupport.Handler(host).HandleAsync(message, receiver, timeout.Token);

        receiver.VerifyCompletedOnly(message);
        var instance = await host.InstanceForAsync(content, timeout.Token);
        var input = instance!.ReadInputAs<DocumentPipelineInput>()!;
        Assert.Equal(("contract.txt", "servicebus"), (input.SourceName, input.Trigger));
        var done = await host.Client.WaitForInstanceCompletionAsync(instance.InstanceId, getInputsAndOutputs: true, cancellation: timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }

    [Fact]
    public async Task HandleAsync_EventGridBatchForMissingBlob_DeadLetteredAsBlobNotFound()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartBlobsOnlyAsync(timeout.Token);
        var uploads = Blobs.GetBlobContainerClient("uploads");
        await uploads.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var missing = uploads.GetBlobClient("never-uploaded-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        var body = BlobEvents.Message([BlobEvents.EventGrid(missing.Uri, uploads.Name, missing.Name, 10)], base64: true, forceArray: true);
        var message = ServiceBusTestSupport.Message(BinaryData.FromString(body));
        var receiver = ServiceBusTestSupport.Receiver();

        await ServiceBusTestSupport.Handler(host).HandleAsync(message, receiver, timeout.Token);

        receiver.VerifyDeadLetteredOnly(message, "BlobNotFound", $"'uploads/{missing.Name}' does not exist");
    }

    [Fact]
    public async Task HandleAsync_EventForContainerNotRead_CompletedWithoutSubmitting()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartBlobsOnlyAsync(timeout.Token, new() { ["Pipeline:IntakeContainers:0"] = "incoming" });
        var content = TestDocuments.Memo("sb-other-container");
        var archive = Blobs.GetBlobContainerClient("archive");
        await archive.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var blob = archive.GetBlobClient("kept-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        await blob.UploadAsync(new BinaryData(content), timeout.Token);
        var message = ServiceBusTestSupport.Message(BinaryData.FromString(BlobEvents.Message([BlobEvents.EventGrid(blob.Uri, archive.Name, blob.Name, content.Length)], base64: false)));
        var receiver = ServiceBusTestSupport.Receiver();

        await ServiceBusTestSupport.Handler(host).HandleAsync(message, receiver, timeout.Token);

        receiver.VerifyCompletedOnly(message);
        Assert.Null(await host.InstanceForAsync(content, timeout.Token));
    }

    private Task<TriggerTestHost> StartBlobsOnlyAsync(CancellationToken cancellationToken, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? [])
        {
            ["Pipeline:BlobDrop:Enabled"] = "false",
            ["Pipeline:IngestQueue:Enabled"] = "false",
        };
        return StartAsync(cancellationToken, all);
    }
}
