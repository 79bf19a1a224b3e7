using DocPipeline.Documents.Analysis;
using DocPipeline.Documents.Extraction;
using DocPipeline.Documents.Sanitization;
using DocPipeline.Documents.Validation;
using DocPipeline.Durable;
using DocPipeline.Durable.Sqlite;
using DocPipeline.Functions.Activities;
using DocPipeline.Functions.Models;
using DocPipeline.Functions.Pipeline;
using DocPipeline.Functions.Storage;
using DocPipeline.Inference;
using DocPipeline.Inference.Caching;
using DocPipeline.Inference.Gemini;
using Microsoft.Extensions.Options;

namespace DocPipeline.Functions.Hosting;

/// <summary>Registers the document pipeline on the durable runtime.</summary>
public static class DocPipelineServiceCollectionExtensions
{
    /// <summary>Adds the pipeline, its activities, model clients and the embedded store under <paramref name="dataPath"/>.</summary>
    public static IServiceCollection AddDocPipeline(this IServiceCollection services, IConfiguration configuration, string dataPath, bool runWorker = true)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DurableTaskOptions>().Bind(configuration.GetSection("extensions:durableTask"));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<PipelineOptions>>().Value;
            return new DocumentExtractor(new ExtractionLimits { MaxBytes = o.MaxDocumentBytes, MaxPages = o.MaxPages, MaxUncompressedBytes = o.MaxUncompressedBytes });
        });
        services.AddSingleton(new TextSanitizer());
        services.AddSingleton(new OfflineAnalyzer());
        services.AddSingleton(new AnalysisValidator());
        services.AddSingleton<IArtifactStore>(new FileArtifactStore(Path.Combine(dataPath, "artifacts")));
        services.AddSingleton<IResultStore>(sp => new FileResultStore(sp.GetRequiredService<IOptions<PipelineOptions>>().Value.ResultsPath));

        services.AddGeminiInference(configuration);
        services.AddSingleton<IModelResponseStore>(new FileModelResponseStore(Path.Combine(dataPath, "model-responses")));
        services.AddSingleton(sp =>
        {
            var gemini = sp.GetRequiredService<IOptions<GeminiOptions>>().Value;
            IModelClient? client = gemini.IsConfigured
                ? new CachingModelClient(sp.GetRequiredService<GeminiClient>(), sp.GetRequiredService<IModelResponseStore>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<CachingModelClient>>())
                : null;
            return new ModelClients(client);
        });
        services.AddHttpClient(NotifyCallbackActivity.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<DocumentSubmitter>();

        services.AddDurableTask(builder =>
        {
            builder.RunWorker = runWorker;
            builder.UseSqlite(o => o.Path = Path.Combine(dataPath, "docpipeline.db"));
            builder.Registry
                .AddOrchestrator<DocumentPipelineOrchestrator>(DocumentPipelineOrchestrator.Name)
                .AddActivity<ExtractTextActivity>("ExtractText")
                .AddActivity<SanitizeActivity>("Sanitize")
                .AddActivity<AnalyzeChunkActivity>("AnalyzeChunk")
                .AddActivity<SplitChunkActivity>("SplitChunk")
                .AddActivity<ValidateActivity>("Validate")
                .AddActivity<StoreResultActivity>("StoreResult")
                .AddActivity<NotifyCallbackActivity>("NotifyCallback");
        });
        return services;
    }
}
