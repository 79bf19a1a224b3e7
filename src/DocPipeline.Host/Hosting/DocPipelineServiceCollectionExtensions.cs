using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Extraction;
using DocPipeline.Documents.Sanitization;
using DocPipeline.Documents.Validation;
using DocPipeline.Durable;
using DocPipeline.Durable.AzureStorage;
using DocPipeline.Durable.Sqlite;
using DocPipeline.Host.Activities;
using DocPipeline.Host.Apis;
using DocPipeline.Host.Models;
using DocPipeline.Host.Pipeline;
using DocPipeline.Host.Storage;
using DocPipeline.Host.Telemetry;
using DocPipeline.Inference;
using DocPipeline.Inference.Caching;
using DocPipeline.Inference.Gemini;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Hosting;

/// <summary>Registers the document pipeline on the durable runtime.</summary>
public static class DocPipelineServiceCollectionExtensions
{
    /// <summary>The embedded store's commit durability, <c>Normal</c> or <c>Full</c>; unset keeps the store's default.</summary>
    public const string SqliteDurabilitySetting = "DocPipeline:SqliteDurability";

    /// <summary>
    /// Adds the pipeline, its activities (each in a span when traced) and model clients, on the embedded store under
    /// <paramref name="dataPath"/> or on Azure Storage (durable store, artifacts, results and saved model answers in
    /// blobs) as <paramref name="storage"/> says.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app configuration.</param>
    /// <param name="dataPath">The data folder (embedded store, local caches).</param>
    /// <param name="runWorker">Whether this process runs orchestrations and activities.</param>
    /// <param name="storage">The store; embedded when null.</param>
    public static IServiceCollection AddDocPipeline(this IServiceCollection services, IConfiguration configuration, string dataPath, bool runWorker = true, StorageSelection? storage = null)
    {
        storage ??= StorageSelection.Embedded;
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DurableTaskOptions>()
            .Configure(o =>
            {
                o.DedicatedActivityThreads = Environment.ProcessorCount;
                o.ActivityThreadPriority = ThreadPriority.BelowNormal;

                // A document's steps take seconds of model time; up to 10 ms more per step lets concurrent documents
                // share claims and commits, which cut the host's CPU per document by about a fifth (docs/benchmarks.md).
                o.BatchWindow = TimeSpan.FromMilliseconds(5);
            })
            .Bind(configuration.GetSection("extensions:durableTask"));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            return new DocumentExtractor(new ExtractionLimits { MaxBytes = o.MaxDocumentBytes, MaxPages = o.MaxPages, MaxUncompressedBytes = o.MaxUncompressedBytes });
        });
        services.AddSingleton(new TextSanitizer());
        services.AddSingleton(new OfflineAnalyzer());
        services.AddSingleton(new AnalysisValidator());
        if (storage.Azure is { } azure)
        {
            var blobs = azure.CreateBlobServiceClient();
            services.AddSingleton<IArtifactStore>(sp => new BlobArtifactStore(blobs.GetBlobContainerClient(BlobArtifactStore.ContainerName(HubName(sp)))));
            services.AddSingleton<IResultStore>(new BlobResultStore(blobs.GetBlobContainerClient(BlobResultStore.DefaultContainerName)));
            services.AddSingleton<IModelResponseStore>(sp => new BlobModelResponseStore(blobs.GetBlobContainerClient(BlobModelResponseStore.ContainerName(HubName(sp)))));
        }
        else
        {
            var fullDurability = configuration.GetValue<SqliteDurability?>(SqliteDurabilitySetting) == SqliteDurability.Full;
            services.AddSingleton<IArtifactStore>(new FileArtifactStore(Path.Combine(dataPath, "artifacts"), flushToDisk: fullDurability));
            services.AddSingleton<IResultStore>(sp => new FileResultStore(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.ResultsPath));
            services.AddSingleton<IModelResponseStore>(new FileModelResponseStore(Path.Combine(dataPath, "model-responses")));
        }

        services.AddGeminiInference(configuration);
        services.AddSingleton(sp =>
        {
            var gemini = sp.GetRequiredService<IOptions<GeminiOptions>>().Value;
            IModelClient? client = gemini.IsConfigured
                ? new TracingModelClient(new CachingModelClient(sp.GetRequiredService<GeminiClient>(), sp.GetRequiredService<IModelResponseStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<CachingModelClient>>()))
                : null;
            return new ModelClients(client);
        });
        services.TryAddSingleton<PipelineTraceContexts>();
        services.AddHttpClient(NotifyCallbackActivity.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(sp => CallbackPolicy.CreateHandler(CallbackPolicy.AllowsPrivate(sp)));
        services.AddSingleton<DocumentSubmitter>();

        services.AddDurableTask(builder =>
        {
            builder.RunWorker = runWorker;
            if (storage.Azure is { } azure)
            {
                builder.UseAzureStorage(azure.ApplyTo);
            }
            else
            {
                // Unset keeps the store's default; Full also survives power loss at the price of an fsync per commit.
                var durability = configuration.GetValue<SqliteDurability?>(SqliteDurabilitySetting);
                builder.UseSqlite(o =>
                {
                    o.Path = Path.Combine(dataPath, "docpipeline.db");
                    o.Durability = durability ?? o.Durability;
                });
            }

            builder.Registry
                .AddOrchestrator<DocumentPipelineOrchestrator>(DocumentPipelineOrchestrator.Name)
                .AddActivity<TracedActivity<ExtractTextActivity>>("ExtractText")
                .AddActivity<TracedActivity<SanitizeActivity>>("Sanitize")
                .AddActivity<TracedActivity<AnalyzeChunkActivity>>("AnalyzeChunk")
                .AddActivity<TracedActivity<SplitChunkActivity>>("SplitChunk")
                .AddActivity<TracedActivity<ValidateActivity>>("Validate")
                .AddActivity<TracedActivity<StoreResultActivity>>("StoreResult")
                .AddActivity<TracedActivity<NotifyCallbackActivity>>("NotifyCallback");
        });
        return services;
    }

    private static string HubName(IServiceProvider services) => services.GetRequiredService<IOptions<DurableTaskOptions>>().Value.HubName;
}
