using Azure.Core.Serialization;
using Azure.Storage.Blobs;
using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Functions.Tests.Functions;

/// <summary>
/// The Functions app's services as <c>Program.cs</c> registers them (the shared pipeline on Blob Storage in Azurite,
/// <see cref="DocumentIntake"/>) with the orchestrator and activities on the SDK's in-process backend; its
/// <see cref="Client"/> is a real <see cref="DurableTaskClient"/>, as <c>[DurableClient]</c> would bind.
/// </summary>
internal sealed class FunctionsAppHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private FunctionsAppHost(DurableTaskTestHost host, BlobServiceClient blobs, string hubName)
    {
        _host = host;
        Blobs = blobs;
        HubName = hubName;
    }

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public BlobServiceClient Blobs { get; }

    public string HubName { get; }

    public static async Task<FunctionsAppHost> StartAsync(string storageConnection, CancellationToken cancellationToken = default)
    {
        var hubName = "t" + Guid.NewGuid().ToString("N")[..12];
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageNames.StorageConnection] = storageConnection,
            ["Pipeline:AllowOfflineFallback"] = "true",
        }).Build();
        var blobs = FunctionsAppBuilderExtensions.CreateBlobServiceClient(configuration);
        var host = await InProcessHosts.StartAsync(() => DurableTaskTestHost.StartAsync(
            registry => registry.AddDocumentPipeline(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddSingleton<IConfiguration>(configuration);
                    services.AddSingleton(blobs);
                    services.AddDocumentPipeline(configuration, PipelineStorage.InBlobs(blobs, hubName));
                    services.AddSingleton<DocumentIntake>();
                    services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
                },
            },
            cancellationToken));
        return new FunctionsAppHost(host, blobs, hubName);
    }

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public IResultStore Results => Services.GetRequiredService<IResultStore>();

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
