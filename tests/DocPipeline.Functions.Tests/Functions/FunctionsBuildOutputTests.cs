using System.Reflection;
using System.Text.Json;
using DocPipeline.Functions.Tests.Support;
using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Storage;

namespace DocPipeline.Functions.Tests.Functions;

/// <summary>
/// What the Functions host will load: the <c>functions.metadata</c> and <c>extensions.json</c> the worker SDK generates
/// in the app's build output, and the linked host.json. The names must match <see cref="FunctionNames"/> and
/// <see cref="StorageNames"/>, which the infrastructure templates use too.
/// </summary>
public sealed class FunctionsBuildOutputTests
{
    private static readonly string Output = Path.Combine(
        RepositoryPaths.Root(), "src", "DocPipeline.Functions", "bin",
        typeof(FunctionsBuildOutputTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
        "net10.0");

    [Fact]
    public void FunctionsMetadata_EveryFunction_HasItsTriggerRouteQueueContainerAndConnection()
    {
        var functions = ReadFunctions();

        Assert.Equal(
            new[]
            {
                FunctionNames.DocumentPipeline, FunctionNames.ExtractText, FunctionNames.Sanitize, FunctionNames.AnalyzeChunk,
                FunctionNames.SplitChunk, FunctionNames.Validate, FunctionNames.StoreResult, FunctionNames.NotifyCallback,
                FunctionNames.UploadDocument, FunctionNames.GetDocumentResult, FunctionNames.IncomingBlob, FunctionNames.IngestQueue,
                FunctionNames.ServiceBusDrain,
            }.Order(StringComparer.Ordinal),
            functions.Keys.Order(StringComparer.Ordinal));

        Assert.Equal("orchestrationTrigger", Trigger(functions[FunctionNames.DocumentPipeline]).GetProperty("type").GetString());
        foreach (var activity in PipelineTaskNames.Activities)
        {
            Assert.Equal("activityTrigger", Trigger(functions[activity]).GetProperty("type").GetString());
        }

        var upload = Trigger(functions[FunctionNames.UploadDocument]);
        Assert.Equal("httpTrigger", upload.GetProperty("type").GetString());
        Assert.Equal("documents", upload.GetProperty("route").GetString());
        Assert.Equal(["post"], upload.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.True(HasBinding(functions[FunctionNames.UploadDocument], "durableClient"));

        var result = Trigger(functions[FunctionNames.GetDocumentResult]);
        Assert.Equal("httpTrigger", result.GetProperty("type").GetString());
        Assert.Equal("documents/{instanceId}/result", result.GetProperty("route").GetString());
        Assert.Equal(["get"], result.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));

        var blob = Trigger(functions[FunctionNames.IncomingBlob]);
        Assert.Equal("blobTrigger", blob.GetProperty("type").GetString());
        Assert.Equal("incoming/{name}", blob.GetProperty("path").GetString());
        Assert.Equal("EventGrid", blob.GetProperty("source").GetString());
        Assert.Equal("AzureWebJobsStorage", blob.GetProperty("connection").GetString());
        Assert.True(HasBinding(functions[FunctionNames.IncomingBlob], "durableClient"));

        var queue = Trigger(functions[FunctionNames.IngestQueue]);
        Assert.Equal("queueTrigger", queue.GetProperty("type").GetString());
        Assert.Equal("ingest", queue.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", queue.GetProperty("connection").GetString());
        Assert.True(HasBinding(functions[FunctionNames.IngestQueue], "durableClient"));

        var timer = Trigger(functions[FunctionNames.ServiceBusDrain]);
        Assert.Equal("timerTrigger", timer.GetProperty("type").GetString());
        Assert.Equal("*/10 * * * * *", timer.GetProperty("schedule").GetString());
        Assert.True(HasBinding(functions[FunctionNames.ServiceBusDrain], "durableClient"));
    }

    [Fact]
    public void ExtensionsJson_DurableTaskBlobsAndQueues_AreListedAndShipped()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "extensions.json")));
        var extensions = document.RootElement.GetProperty("extensions").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("hintPath").GetString()!);

        Assert.Contains("DurableTask", extensions.Keys);
        Assert.Contains("AzureStorageBlobs", extensions.Keys);
        Assert.Contains("AzureStorageQueues", extensions.Keys);
        Assert.All(extensions.Values, hint => Assert.True(File.Exists(Path.Combine(Output, hint)), $"{hint} is not in the build output"));
    }

    [Fact]
    public void HostJson_InTheOutput_NamesTheHubAndThePipelineSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "host.json")));
        var durable = document.RootElement.GetProperty("extensions").GetProperty("durableTask");

        Assert.Equal("2.0", document.RootElement.GetProperty("version").GetString());
        Assert.Equal(StorageNames.HubName, durable.GetProperty("hubName").GetString());
        Assert.Equal(JsonValueKind.Object, durable.GetProperty("storageProvider").ValueKind);
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("pipeline").ValueKind);
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "host.json")), File.ReadAllText(Path.Combine(Output, "host.json")));
    }

    [Fact]
    public void StorageNames_ContainersOfTheHub_MatchThePipelineStores()
    {
        Assert.Equal(StorageNames.ArtifactsContainer, BlobArtifactStore.ContainerName(StorageNames.HubName));
        Assert.Equal(StorageNames.ModelResponsesContainer, BlobModelResponseStore.ContainerName(StorageNames.HubName));
        Assert.Equal(StorageNames.ResultsContainer, BlobResultStore.DefaultContainerName);
        Assert.Equal(StorageNames.IngestQueue + "-poison", StorageNames.IngestPoisonQueue);
        Assert.Equal(StorageNames.IncomingContainer + "/{name}", StorageNames.IncomingBlobPath);
    }

    private static Dictionary<string, JsonElement> ReadFunctions()
    {
        var path = Path.Combine(Output, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: build src/DocPipeline.Functions first.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone(), StringComparer.Ordinal);
    }

    private static JsonElement Trigger(JsonElement function) =>
        Assert.Single(function.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    private static bool HasBinding(JsonElement function, string type) =>
        function.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == type);
}
