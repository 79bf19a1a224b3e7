using System.Net;
using System.Text;
using System.Text.Json;
using DocPipeline.Functions.Functions;
using DocPipeline.Functions.Tests.Support;
using DocPipeline.Tests.DurableTask.AzureStorage;
using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Storage;
using DocPipeline.Tests.Functions.Pipeline;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Functions.Tests.Functions;

/// <summary>The HTTP functions called with a real <see cref="DurableTaskClient"/>, the pipeline on Blob Storage in Azurite.</summary>
public sealed class DocumentsHttpFunctionsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    /// <summary>The check-status fields the standalone host's upload answers with (its CheckStatusPayload).</summary>
    private static readonly string[] StandaloneCheckStatusFields =
        ["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "restartPostUri", "suspendPostUri", "resumePostUri"];

    private FunctionsAppHost _app = null!;

    public async Task InitializeAsync() => _app = await FunctionsAppHost.StartAsync(azurite.ConnectionString);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task UploadAsync_NewDocument_Answers202WithTheCheckStatusShapeAndStoresTheOriginalInBlobs()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var content = TestDocuments.RefundEmail();
        var hash = DocumentSubmitter.Hash(content);
        var instanceId = DocumentSubmitter.InstanceIdFor(hash);

        var response = await UploadAsync(content, "refund.txt", timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Started", Header(response, DocumentsHttpFunctions.OutcomeHeader));
        Assert.StartsWith("application/json", Header(response, "Content-Type"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(response.ReadBody());
        var fields = body.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        // Every field the standalone host answers with is here, named alike; Durable Functions adds rewindPostUri.
        Assert.Superset(StandaloneCheckStatusFields.ToHashSet(), fields.ToHashSet());
        Assert.Equal(["rewindPostUri"], fields.Except(StandaloneCheckStatusFields));
        Assert.Equal(instanceId, body.RootElement.GetProperty("id").GetString());
        var statusUri = body.RootElement.GetProperty("statusQueryGetUri").GetString()!;
        Assert.StartsWith($"http://localhost:7071/runtime/webhooks/durabletask/instances/{instanceId}", statusUri, StringComparison.Ordinal);
        Assert.Equal(statusUri, Header(response, "Location"));
        foreach (var field in fields.Where(f => f.EndsWith("Uri", StringComparison.Ordinal)))
        {
            Assert.StartsWith("http://localhost:7071/runtime/webhooks/durabletask/instances/" + instanceId, body.RootElement.GetProperty(field).GetString(), StringComparison.Ordinal);
        }

        var original = _app.Blobs.GetBlobContainerClient(BlobArtifactStore.ContainerName(_app.HubName)).GetBlobClient(ArtifactKeys.Original(hash));
        Assert.Equal(content, (await original.DownloadContentAsync(timeout.Token)).Value.Content.ToArray());

        var instance = await _app.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
    }

    [Fact]
    public async Task GetResultAsync_AfterTheRunCompleted_Answers200WithTheStoredResult()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var content = Encoding.UTF8.GetBytes("Invoice 2291 from Contoso Ltd. Total due: EUR 1,250.00 by 31 May 2024.");
        var instanceId = DocumentSubmitter.InstanceIdFor(DocumentSubmitter.Hash(content));
        await UploadAsync(content, "invoice.txt", timeout.Token);
        await _app.Client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);

        var response = await GetResultAsync(instanceId, timeout.Token);
        var again = await UploadAsync(content, "invoice.txt", timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var result = JsonDocument.Parse(response.ReadBody());
        Assert.Equal(instanceId, result.RootElement.GetProperty("instanceId").GetString());
        Assert.Equal("invoice.txt", result.RootElement.GetProperty("document").GetProperty("source").GetString());
        Assert.Equal("http", result.RootElement.GetProperty("document").GetProperty("trigger").GetString());
        Assert.NotNull(await _app.Results.ReadAsync(instanceId, timeout.Token));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("AlreadyCompleted", Header(again, DocumentsHttpFunctions.OutcomeHeader));
    }

    [Fact]
    public async Task UploadAsync_EmptyBody_Answers400WithAProblem()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var response = await UploadAsync([], "empty.txt", timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", Header(response, "Content-Type"), StringComparison.Ordinal);
        Assert.Contains("body is empty", response.ReadBody(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResultAsync_UnknownInstance_Answers404()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var response = await GetResultAsync("doc-unknown", timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("doc-unknown", response.ReadBody(), StringComparison.Ordinal);
    }

    private async Task<TestHttpResponseData> UploadAsync(byte[] content, string name, CancellationToken cancellationToken)
    {
        var context = new TestFunctionContext(_app.Services, cancellationToken: cancellationToken);
        var request = new TestHttpRequestData(context, "POST", new Uri($"http://localhost:7071/api/documents?name={Uri.EscapeDataString(name)}"), content);
        return (TestHttpResponseData)await _app.Create<DocumentsHttpFunctions>().UploadAsync(request, _app.Client, context);
    }

    private async Task<TestHttpResponseData> GetResultAsync(string instanceId, CancellationToken cancellationToken)
    {
        var context = new TestFunctionContext(_app.Services, cancellationToken: cancellationToken);
        var request = new TestHttpRequestData(context, "GET", new Uri($"http://localhost:7071/api/documents/{instanceId}/result"));
        return (TestHttpResponseData)await _app.Create<DocumentsHttpFunctions>().GetResultAsync(request, instanceId, _app.Client, context);
    }

    private static string? Header(TestHttpResponseData response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
