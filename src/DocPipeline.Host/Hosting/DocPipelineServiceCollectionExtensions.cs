using DocPipeline.DurableTask;
using DocPipeline.DurableTask.AzureStorage;
using DocPipeline.DurableTask.Sqlite;
using DocPipeline.Host.Apis;
using DocPipeline.Pipeline;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Hosting;

/// <summary>Registers the document pipeline on the Durable Task Framework engine.</summary>
public static class DocPipelineServiceCollectionExtensions
{
    /// <summary>The embedded store's commit durability, <c>Normal</c> or <c>Full</c>; unset keeps the store's default.</summary>
    public const string SqliteDurabilitySetting = "DocPipeline:SqliteDurability";

    /// <summary>
    /// Adds the pipeline (orchestrator, activities, model clients) and the engine that runs it: the embedded SQLite
    /// provider under <paramref name="dataPath"/>, or DurableTask.AzureStorage (with artifacts, results and saved model
    /// answers in blobs) as <paramref name="storage"/> says.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app configuration.</param>
    /// <param name="dataPath">The data folder (embedded store, local caches).</param>
    /// <param name="runWorker">Whether this process runs orchestrations and activities.</param>
    /// <param name="storage">The store; embedded when null.</param>
    public static IServiceCollection AddDocPipeline(this IServiceCollection services, IConfiguration configuration, string dataPath, bool runWorker = true, StorageSelection? storage = null)
    {
        storage ??= StorageSelection.Embedded;
        var hubName = configuration[DurableTaskHostOptions.SectionName + ":hubName"] is { Length: > 0 } configuredHub ? configuredHub : new DurableTaskHostOptions().HubName;
        var durability = configuration.GetValue<SqliteDurability?>(SqliteDurabilitySetting);
        var pipelineStorage = storage.Azure is { } azure
            ? PipelineStorage.InBlobs(azure.CreateBlobServiceClient(), hubName)
            : PipelineStorage.Files(dataPath, flushToDisk: durability == SqliteDurability.Full);
        services.AddDocumentPipeline(configuration, pipelineStorage, sp => CallbackPolicy.CreateHandler(CallbackPolicy.AllowsPrivate(sp)));

        services.AddDurableTaskHost(configuration, builder =>
        {
            builder.RunWorker = runWorker;
            builder.AddTasks(registry => registry.AddDocumentPipeline());
            builder.UseBackend(sp =>
            {
                var options = sp.GetRequiredService<IOptions<DurableTaskHostOptions>>().Value;
                var loggers = sp.GetService<ILoggerFactory>();
                if (storage.Azure is not null)
                {
                    var account = AzureStorageAccount.Read(configuration)
                        ?? throw new InvalidOperationException($"{AzureStorageAccount.DefaultSettingName} is not set.");
                    return AzureStorageBackend.Create(options, account, loggers);
                }

                return SqliteBackend.Create(options, dataPath, durability, loggers);
            });
        });
        return services;
    }
}
