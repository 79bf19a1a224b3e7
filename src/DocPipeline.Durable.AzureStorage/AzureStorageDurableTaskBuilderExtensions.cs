using DocPipeline.Durable.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>Chooses the Azure Storage store.</summary>
public static class AzureStorageDurableTaskBuilderExtensions
{
    /// <summary>
    /// Uses Azure Storage (Tables, Queues, Blobs) as the store, so several worker processes can share one task hub.
    /// When <see cref="AzureStorageStoreOptions.HubName"/> is not set, <see cref="DurableTaskOptions.HubName"/> is used.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the connection and hub.</param>
    public static DurableTaskBuilder UseAzureStorage(this DurableTaskBuilder builder, Action<AzureStorageStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AzureStorageStoreOptions();
        configure(options);
        builder.Services.AddSingleton<IOrchestrationStore>(sp =>
        {
            var hubName = options.HubName ?? sp.GetService<IOptions<DurableTaskOptions>>()?.Value.HubName;
            var effective = new AzureStorageStoreOptions
            {
                ConnectionString = options.ConnectionString,
                TableServiceUri = options.TableServiceUri,
                QueueServiceUri = options.QueueServiceUri,
                BlobServiceUri = options.BlobServiceUri,
                Credential = options.Credential,
                HubName = hubName,
                PartitionCount = options.PartitionCount,
                LargePayloadThresholdBytes = options.LargePayloadThresholdBytes,
                ControlQueueBatchSize = options.ControlQueueBatchSize,
            };
            return new AzureStorageOrchestrationStore(effective, sp.GetService<TimeProvider>(), sp.GetService<ILogger<AzureStorageOrchestrationStore>>());
        });
        return builder;
    }
}
