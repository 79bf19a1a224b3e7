using System.Text;
using Azure.Storage.Blobs;
using DocPipeline.Documents.Analysis;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Storage;
using DocPipeline.Tests.DurableTask.AzureStorage;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>The blob-backed artifact, result and model-answer stores against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobStoresTests(AzuriteFixture azurite)
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private BlobContainerClient NewContainer(string suffix) =>
        new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(("t" + Guid.NewGuid().ToString("N"))[..20] + "-" + suffix);

    [Fact]
    public async Task ArtifactStore_PutThenGet_RoundTripsAndCreatesTheContainer()
    {
        var ct = Timeout();
        var store = new BlobArtifactStore(NewContainer("artifacts"));
        var bytes = Encoding.UTF8.GetBytes("extracted text ✓");

        await store.PutAsync("runs/doc-1/text.txt", bytes, ct);

        Assert.True(await store.ExistsAsync("runs/doc-1/text.txt", ct));
        Assert.Equal(bytes, await store.GetAsync("runs/doc-1/text.txt", ct));
        await store.PutAsync("runs/doc-1/text.txt", "v2"u8.ToArray(), ct);
        Assert.Equal("v2"u8.ToArray(), await store.GetAsync("runs/doc-1/text.txt", ct));
    }

    [Fact]
    public async Task ArtifactStore_Missing_ReadsAsNotFoundEvenBeforeTheContainerExists()
    {
        var ct = Timeout();
        var store = new BlobArtifactStore(NewContainer("artifacts"));

        Assert.False(await store.ExistsAsync("originals/abc", ct));
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => store.GetAsync("originals/abc", ct));
        Assert.Contains("originals/abc", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("runs//x")]
    [InlineData("runs/./x")]
    public async Task ArtifactStore_BadKey_IsRefused(string key)
    {
        var store = new BlobArtifactStore(NewContainer("artifacts"));

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, new byte[] { 1 }, Timeout()));
    }

    [Fact]
    public void ArtifactStore_ContainerName_IsLowerCaseHubPlusArtifacts() =>
        Assert.Equal("docpipeline-artifacts", BlobArtifactStore.ContainerName("DocPipeline"));

    [Fact]
    public async Task ResultStore_SaveThenRead_StoresInstanceIdJson()
    {
        var ct = Timeout();
        var container = NewContainer("results");
        var store = new BlobResultStore(container);
        var result = SampleResult("doc-0123456789abcdef0123456789abcdef");

        var location = await store.SaveAsync(result, ct);
        var json = await store.ReadAsync(result.InstanceId, ct);

        Assert.EndsWith("/doc-0123456789abcdef0123456789abcdef.json", location, StringComparison.Ordinal);
        Assert.NotNull(json);
        Assert.Contains("\"instanceId\": \"doc-0123456789abcdef0123456789abcdef\"", json, StringComparison.Ordinal);
        var properties = await container.GetBlobClient("doc-0123456789abcdef0123456789abcdef.json").GetPropertiesAsync(cancellationToken: ct);
        Assert.StartsWith("application/json", properties.Value.ContentType, StringComparison.Ordinal);
        Assert.Null(await store.ReadAsync("doc-unknown", ct));
    }

    [Fact]
    public async Task ModelResponseStore_SaveThenGet_RoundTripsByKey()
    {
        var ct = Timeout();
        var store = new BlobModelResponseStore(NewContainer("modelresponses"));

        Assert.Null(await store.TryGetAsync("gemini-2.5-pro|v1|abc|def", ct));
        await store.SaveAsync("gemini-2.5-pro|v1|abc|def", "{\"text\":\"answer\"}", ct);

        Assert.Equal("{\"text\":\"answer\"}", await store.TryGetAsync("gemini-2.5-pro|v1|abc|def", ct));
        Assert.Null(await store.TryGetAsync("gemini-2.5-pro|v1|abc|other", ct));
    }

    private static DocumentResult SampleResult(string instanceId) => new()
    {
        InstanceId = instanceId,
        Document = new DocumentFacts("a.txt", new string('a', 64), "text", "text/plain", 10, null, 10, null, null, "http", DateTime.UtcNow, []),
        Result = new OfflineAnalyzer().Analyze("The board approved the budget for the new warehouse in Rotterdam."),
        Models = ["offline-extractive"],
        Chunks = [],
        Validation = new ValidationOutcome(true, []),
        Usage = new UsageReport(TokenUsage.Zero, new Dictionary<string, TokenUsage>()),
        Redactions = new Dictionary<string, int>(),
        TimingsMs = new Dictionary<string, long>(),
        CompletedAt = DateTime.UtcNow,
    };
}
