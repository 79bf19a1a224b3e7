using System.Text;
using DocPipeline.Functions.Functions;
using DocPipeline.Functions.Tests.Support;
using DocPipeline.Tests.DurableTask.AzureStorage;
using DocPipeline.Messaging.EventGrid;
using DocPipeline.Pipeline;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Functions.Tests.Functions;

/// <summary>Blob drops and <c>ingest</c> messages, against Blob Storage in Azurite and the in-process backend.</summary>
public sealed class IngestFunctionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FunctionsAppHost _app = null!;

    public async Task InitializeAsync() => _app = await FunctionsAppHost.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task IngestQueueAsync_Base64EventGridArray_RunsTheNamedBlob()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var content = Encoding.UTF8.GetBytes("Purchase order 7781 from Northwind Traders: 12 office chairs, EUR 2,340.00, delivery by 3 June 2024.");
        var name = "po-" + Guid.NewGuid().ToString("N")[..8] + ".txt";
        var blob = await UploadIncomingAsync(name, content, timeout.Token);
        var message = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""
            [{
              "topic": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
              "subject": "/blobServices/default/containers/incoming/blobs/{{name}}",
              "eventType": "Microsoft.Storage.BlobCreated",
              "eventTime": "2026-12-07T01:00:00Z",
              "id": "{{Guid.NewGuid()}}",
              "data": { "api": "PutBlob", "contentType": "text/plain", "contentLength": {{content.Length}}, "blobType": "BlockBlob", "url": "{{blob}}", "sequencer": "0000000000000001" },
              "dataVersion": "",
              "metadataVersion": "1"
            }]
            """));

        await _app.Create<IngestFunctions>().IngestQueueAsync(message, _app.Client, new TestFunctionContext(_app.Services, cancellationToken: timeout.Token));

        var instanceId = DocumentSubmitter.InstanceIdFor(DocumentSubmitter.Hash(content));
        var instance = await _app.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Contains("\"queue\"", await _app.Results.ReadAsync(instanceId, timeout.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestQueueAsync_NotAnEventOrUrl_ThrowsSoTheHostRetriesAndKeepsIt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<BlobEventParseException>(() =>
            _app.Create<IngestFunctions>().IngestQueueAsync("{\"hello\": \"world\"}", _app.Client, new TestFunctionContext(_app.Services, cancellationToken: timeout.Token)));
    }

    [Fact]
    public async Task IncomingBlobAsync_SameContentDroppedTwice_OneRun()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var content = Encoding.UTF8.GetBytes("Meeting notes, 4 March 2024: Contoso agreed to renew the support contract for 12 months at EUR 9,600.");
        var functions = _app.Create<IngestFunctions>();

        await functions.IncomingBlobAsync(content, "notes-a.txt", _app.Client, new TestFunctionContext(_app.Services, cancellationToken: timeout.Token));
        var instanceId = DocumentSubmitter.InstanceIdFor(DocumentSubmitter.Hash(content));
        await _app.Client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);
        await functions.IncomingBlobAsync(content, "notes-b.txt", _app.Client, new TestFunctionContext(_app.Services, cancellationToken: timeout.Token));

        var instances = new List<OrchestrationMetadata>();
        await foreach (var instance in _app.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }).WithCancellation(timeout.Token))
        {
            instances.Add(instance);
        }

        var only = Assert.Single(instances);
        Assert.Equal(instanceId, only.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, only.RuntimeStatus);
        Assert.Contains("notes-a.txt", await _app.Results.ReadAsync(instanceId, timeout.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncomingBlobAsync_EmptyBlob_IsKeptInTheFailedContainer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var name = "empty-" + Guid.NewGuid().ToString("N")[..8] + ".txt";
        await UploadIncomingAsync(name, [], timeout.Token);

        await _app.Create<IngestFunctions>().IncomingBlobAsync([], name, _app.Client, new TestFunctionContext(_app.Services, cancellationToken: timeout.Token));

        var kept = _app.Blobs.GetBlobContainerClient(StorageNames.FailedContainer).GetBlobClient(name);
        Assert.True((await kept.ExistsAsync(timeout.Token)).Value);
        Assert.True((await _app.Blobs.GetBlobContainerClient(StorageNames.IncomingContainer).GetBlobClient(name).ExistsAsync(timeout.Token)).Value);
    }

    private async Task<Uri> UploadIncomingAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var container = _app.Blobs.GetBlobContainerClient(StorageNames.IncomingContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient(name);
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);
        return blob.Uri;
    }
}
