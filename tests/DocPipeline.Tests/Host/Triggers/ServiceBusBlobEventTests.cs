using System.Text;
using DocPipeline.Durable;
using DocPipeline.Host.Pipeline.Contracts;
using DocPipeline.Messaging.ServiceBus;
using DocPipeline.Tests.Durable.AzureStorage;
using DocPipeline.Tests.Messaging.Fakes;

namespace DocPipeline.Tests.Functions.Triggers;

[Collection(AzuriteCollection.Name)]
public sealed class ServiceBusBlobEventTests(AzuriteFixture azurite) : AzuriteTriggerTestBase(azurite)
{
    [Fact]
    public async Task CloudEventMessage_BlobDownloadedWithStorageCredentials_Submitted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var bus = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        await using var host = await StartAsync(timeout.Token, new()
        {
            ["ServiceBusConnection"] = bus.ConnectionString,
            ["Pipeline:BlobDrop:Enabled"] = "false",
            ["Pipeline:IngestQueue:Enabled"] = "false",
        });
        var content = TestDocuments.Memo("sb-blob");
        var uploads = Blobs.GetBlobContainerClient("private" + Guid.NewGuid().ToString("N")[..8]);
        await uploads.CreateIfNotExistsAsync(cancellationToken: timeout.Token);
        var blob = uploads.GetBlobClient("contract.txt");
        await blob.UploadAsync(new BinaryData(content), timeout.Token);
        var body = BlobEvents.Message([BlobEvents.CloudEvent(blob.Uri, uploads.Name, blob.Name, content.Length)], base64: false);

        using (var sender = new ServiceBusRestClient(bus.ConnectionString, "documents"))
        {
            await sender.SendAsync(new ServiceBusMessage(new BinaryData(Encoding.UTF8.GetBytes(body))) { ContentType = "application/cloudevents+json" }, timeout.Token);
        }

        await bus.WaitUntilAsync(b => b.Counters.Completes == 1, timeout.Token);
        var instance = await host.InstanceForAsync(content, timeout.Token);
        Assert.Equal(("contract.txt", "servicebus"), (instance!.ReadInputAs<DocumentPipelineInput>()!.SourceName, instance.ReadInputAs<DocumentPipelineInput>()!.Trigger));
        var done = await host.Client.WaitForInstanceCompletionAsync(instance.InstanceId, cancellationToken: timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }
}
