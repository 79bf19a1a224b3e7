using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace DocPipeline.DurableTask.AzureStorage;

/// <summary>Builds the Durable Functions Azure Storage backend (DurableTask.AzureStorage) from host.json-style settings.</summary>
public static class AzureStorageBackend
{
    /// <summary>The DTFx settings for <paramref name="options"/> on <paramref name="account"/>.</summary>
    /// <param name="options">The engine settings.</param>
    /// <param name="account">The storage account.</param>
    /// <param name="loggerFactory">Where the backend logs.</param>
    public static AzureStorageOrchestrationServiceSettings CreateSettings(DurableTaskHostOptions options, AzureStorageAccount account, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(account);
        var storage = options.StorageProvider;
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = account.CreateClientProvider(),
            TaskHubName = options.HubName,
            PartitionCount = storage.PartitionCount,
            ControlQueueBatchSize = storage.ControlQueueBatchSize,
            MaxQueuePollingInterval = storage.MaxQueuePollingInterval ?? options.MaxQueuePollingInterval ?? AzureStorageProviderOptions.DefaultMaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = storage.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = storage.WorkItemQueueVisibilityTimeout,
            UseTablePartitionManagement = storage.UseTablePartitionManagement,
            LeaseInterval = storage.LeaseInterval,
            LeaseRenewInterval = storage.LeaseRenewInterval,
            LeaseAcquireInterval = storage.LeaseRenewInterval,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(options.ExtendedSessionIdleTimeoutInSeconds),
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,

            // Otherwise a start that dedupes against an active instance is dropped without a word.
            ThrowExceptionOnInvalidDedupeStatus = true,
        };
        if (loggerFactory is not null)
        {
            settings.LoggerFactory = loggerFactory;
        }

        return settings;
    }

    /// <summary>The backend for <paramref name="options"/> on <paramref name="account"/>.</summary>
    /// <param name="options">The engine settings.</param>
    /// <param name="account">The storage account.</param>
    /// <param name="loggerFactory">Where the backend logs.</param>
    public static DurableTaskBackend Create(DurableTaskHostOptions options, AzureStorageAccount account, ILoggerFactory? loggerFactory = null)
    {
        var service = new AzureStorageOrchestrationService(CreateSettings(options, account, loggerFactory));
        return new DurableTaskBackend(service, service, $"Azure Storage, hub '{options.HubName}', {account.Description}", service.RewindTaskOrchestrationAsync);
    }
}
