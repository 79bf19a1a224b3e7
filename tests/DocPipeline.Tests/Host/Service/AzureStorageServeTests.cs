using System.Net;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;
using DocPipeline.Tests.DurableTask.AzureStorage;

namespace DocPipeline.Tests.Functions.Service;

/// <summary><c>serve</c> with AzureWebJobsStorage pointed at a real Azurite: durable store, artifacts and results in Azure Storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageServeTests(AzuriteFixture azurite)
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token;

    [Fact]
    public async Task Serve_OnAzurite_UploadRunsToAResultInBlobStorage()
    {
        var ct = Timeout();
        var hub = AzuriteFixture.NewHubName();
        await using var host = await ServeTestHost.StartAsync(ct, "AzureWebJobsStorage=" + azurite.ConnectionString, "extensions:durableTask:hubName=" + hub);
        using var health = await host.Client.GetAsync("health", ct);
        Assert.Equal("azure", ServeJson.String(await ServeJson.ReadAsync(health, ct), "store"));

        using var upload = await host.UploadAsync(ServeJson.UniqueText(), "azure.txt", ct);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, ct), "id");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitForRunAsync(id, ct)).RuntimeStatus);

        using var result = await host.Client.GetAsync($"api/documents/{id}/result", ct);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(id, ServeJson.String(await ServeJson.ReadAsync(result, ct), "instanceId"));

        var blobs = new BlobServiceClient(azurite.ConnectionString);
        Assert.True((await blobs.GetBlobContainerClient("results").GetBlobClient(id + ".json").ExistsAsync(ct)).Value);
        var artifacts = blobs.GetBlobContainerClient(hub.ToLowerInvariant() + "-artifacts");
        var names = new List<string>();
        await foreach (var blob in artifacts.GetBlobsAsync(cancellationToken: ct))
        {
            names.Add(blob.Name);
        }

        Assert.Contains(names, n => n.StartsWith("originals/", StringComparison.Ordinal));
        Assert.Contains($"runs/{id}/text.txt", names);
        Assert.False(Directory.Exists(Path.Combine(host.Root, ".docpipeline", "artifacts")));
    }
}
