using Azure.Core;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>
/// Options of the Azure Storage store. Give either <see cref="ConnectionString"/> (an account key connection string,
/// or <c>UseDevelopmentStorage=true</c> for Azurite) or the three service URIs, which authenticate with
/// <see cref="Credential"/> (managed identity in production).
/// </summary>
public sealed class AzureStorageStoreOptions
{
    /// <summary>A storage connection string; takes precedence over the service URIs. Default: none.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Table service endpoint, used with <see cref="Credential"/> when no connection string is set.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The Queue service endpoint, used with <see cref="Credential"/> when no connection string is set.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The Blob service endpoint, used with <see cref="Credential"/> when no connection string is set.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>
    /// The identity used with the service URIs. Default: <c>DefaultAzureCredential</c>, which picks up a managed identity
    /// in Azure and a developer login locally.
    /// </summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>
    /// The task hub: the prefix of every table, queue and container (3-45 letters or digits, starting with a letter).
    /// Default: null, meaning <see cref="DurableTaskOptions.HubName"/> when registered through <c>UseAzureStorage</c>,
    /// otherwise <c>DocPipeline</c>.
    /// </summary>
    public string? HubName { get; set; }

    /// <summary>How many control queues spread orchestration wake-ups (1-16). Default 4.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Serialized payloads (inputs, outputs, history events, messages) larger than this many UTF-8 bytes are written
    /// to the <c>{hub}-largemessages</c> container and referenced from the table row (0-61,440). Default 45 KiB.
    /// </summary>
    public int LargePayloadThresholdBytes { get; set; } = 45 * 1024;

    /// <summary>How many control-queue messages one poll takes from each partition (1-32). Default 32.</summary>
    public int ControlQueueBatchSize { get; set; } = 32;
}
