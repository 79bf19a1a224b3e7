using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace DocPipeline.Host.Triggers;

/// <summary>The storage clients of the triggers, made on first use from the <see cref="TriggerEnvironment"/>; none in embedded mode.</summary>
internal sealed class TriggerStorage(TriggerEnvironment environment)
{
    private readonly Lazy<BlobServiceClient?> _blobs = new(() =>
        environment.Mode == TriggerStorageMode.AzureStorage ? environment.CreateBlobServiceClient() : null);

    private readonly Lazy<QueueServiceClient?> _queues = new(() =>
        environment.Mode == TriggerStorageMode.AzureStorage ? environment.CreateQueueServiceClient() : null);

    /// <summary>The app's blob service, or null in embedded mode.</summary>
    public BlobServiceClient? Blobs => _blobs.Value;

    /// <summary>The app's queue service, or null in embedded mode.</summary>
    public QueueServiceClient? Queues => _queues.Value;

    /// <summary>The app's identity, when it uses one.</summary>
    public TokenCredential? Credential => environment.Credential;

    /// <summary>Options for clients of blobs outside the app's account: few, short retries, since the trigger retries the whole message.</summary>
    public static BlobClientOptions ForeignBlobOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        return options;
    }
}
