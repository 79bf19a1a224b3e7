using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Extraction;
using DocPipeline.Documents.Sanitization;
using DocPipeline.Documents.Validation;
using DocPipeline.Inference;
using DocPipeline.Inference.Caching;
using DocPipeline.Inference.Gemini;
using DocPipeline.Pipeline.Activities;
using DocPipeline.Pipeline.Models;
using DocPipeline.Pipeline.Storage;
using DocPipeline.Pipeline.Telemetry;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Options;

namespace DocPipeline.Pipeline;

/// <summary>The one registration of the pipeline's services, used by every host.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// Adds what the orchestrator and activities need: <see cref="PipelineOptions"/> (section <c>Pipeline</c>,
    /// validated on start), extraction, redaction and validation, the stores <paramref name="storage"/> names, the
    /// Gemini client behind the response cache (<see cref="ModelClients"/>), the callback HTTP client,
    /// <see cref="DocumentSubmitter"/>, <see cref="PipelineExceptionProperties"/> and each activity class (transient:
    /// a new one per execution). Registering the tasks with a worker is separate:
    /// <see cref="PipelineTaskRegistration.AddDocumentPipeline"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app configuration (root).</param>
    /// <param name="storage">Files or blobs.</param>
    /// <param name="callbackHandler">
    /// The primary handler of the callback client, where a host restricts the addresses callbacks may reach; a plain
    /// <see cref="SocketsHttpHandler"/> when null.
    /// </param>
    public static IServiceCollection AddDocumentPipeline(
        this IServiceCollection services,
        IConfiguration configuration,
        PipelineStorage storage,
        Func<IServiceProvider, HttpMessageHandler>? callbackHandler = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            return new DocumentExtractor(new ExtractionLimits { MaxBytes = o.MaxDocumentBytes, MaxPages = o.MaxPages, MaxUncompressedBytes = o.MaxUncompressedBytes });
        });
        services.TryAddSingleton(new TextSanitizer());
        services.TryAddSingleton(new OfflineAnalyzer());
        services.TryAddSingleton(new AnalysisValidator());
        AddStores(services, storage);

        services.AddGeminiInference(configuration);
        services.TryAddSingleton(sp =>
        {
            var gemini = sp.GetRequiredService<IOptions<GeminiOptions>>().Value;
            IModelClient? client = gemini.IsConfigured
                ? new TracingModelClient(new CachingModelClient(sp.GetRequiredService<GeminiClient>(), sp.GetRequiredService<IModelResponseStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<CachingModelClient>>()))
                : null;
            return new ModelClients(client);
        });
        services.TryAddSingleton(sp => new PipelineTraceContexts(sp.GetService<DurableTaskClient>(), sp.GetRequiredService<ILogger<PipelineTraceContexts>>()));
        services.AddHttpClient(NotifyCallbackActivity.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(sp => callbackHandler?.Invoke(sp) ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });
        services.TryAddSingleton<DocumentSubmitter>();
        services.TryAddSingleton<IExceptionPropertiesProvider, PipelineExceptionProperties>();

        services.TryAddTransient<ExtractTextActivity>();
        services.TryAddTransient<SanitizeActivity>();
        services.TryAddTransient<AnalyzeChunkActivity>();
        services.TryAddTransient<SplitChunkActivity>();
        services.TryAddTransient<ValidateActivity>();
        services.TryAddTransient<StoreResultActivity>();
        services.TryAddTransient<NotifyCallbackActivity>();
        return services;
    }

    private static void AddStores(IServiceCollection services, PipelineStorage storage)
    {
        if (storage.Blobs is { } blobs)
        {
            var hub = storage.HubName!;
            services.TryAddSingleton<IArtifactStore>(new BlobArtifactStore(blobs.GetBlobContainerClient(BlobArtifactStore.ContainerName(hub))));
            services.TryAddSingleton<IResultStore>(new BlobResultStore(blobs.GetBlobContainerClient(BlobResultStore.DefaultContainerName)));
            services.TryAddSingleton<IModelResponseStore>(new BlobModelResponseStore(blobs.GetBlobContainerClient(BlobModelResponseStore.ContainerName(hub))));
            return;
        }

        var dataPath = storage.DataPath!;
        services.TryAddSingleton<IArtifactStore>(new FileArtifactStore(Path.Combine(dataPath, "artifacts"), storage.FlushToDisk));
        services.TryAddSingleton<IResultStore>(sp => new FileResultStore(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.ResultsPath));
        services.TryAddSingleton<IModelResponseStore>(new FileModelResponseStore(Path.Combine(dataPath, "model-responses")));
    }
}
