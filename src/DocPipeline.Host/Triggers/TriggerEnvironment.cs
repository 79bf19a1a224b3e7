using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// What the triggers need to know about the host: embedded or Azure Storage, the app root (relative folders are
/// resolved against it), and for Azure Storage how to reach the account, by connection string or by service URIs
/// with a credential (managed identity).
/// </summary>
public sealed record TriggerEnvironment
{
    /// <summary>Embedded (local folder) or Azure Storage (container and queue).</summary>
    public required TriggerStorageMode Mode { get; init; }

    /// <summary>The app root; relative trigger folders are resolved against it.</summary>
    public required string AppRoot { get; init; }

    /// <summary>The storage connection string (Azure Storage mode with shared keys or Azurite).</summary>
    public string? StorageConnectionString { get; init; }

    /// <summary>The blob service URI, e.g. <c>https://account.blob.core.windows.net</c> (Azure Storage mode with <see cref="Credential"/>).</summary>
    public Uri? BlobServiceUri { get; init; }

    /// <summary>The queue service URI, e.g. <c>https://account.queue.core.windows.net</c> (Azure Storage mode with <see cref="Credential"/>).</summary>
    public Uri? QueueServiceUri { get; init; }

    /// <summary>The identity used with <see cref="BlobServiceUri"/> and <see cref="QueueServiceUri"/>.</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>Embedded mode: the <c>incoming/</c> folder under <paramref name="appRoot"/>.</summary>
    /// <param name="appRoot">The app root.</param>
    public static TriggerEnvironment Embedded(string appRoot) => new() { Mode = TriggerStorageMode.Embedded, AppRoot = appRoot };

    /// <summary>Azure Storage mode with a connection string (shared key, SAS, or Azurite's development account).</summary>
    /// <param name="appRoot">The app root.</param>
    /// <param name="connectionString">The storage connection string.</param>
    public static TriggerEnvironment AzureStorage(string appRoot, string connectionString) =>
        new() { Mode = TriggerStorageMode.AzureStorage, AppRoot = appRoot, StorageConnectionString = connectionString };

    /// <summary>Azure Storage mode with service URIs and a credential.</summary>
    /// <param name="appRoot">The app root.</param>
    /// <param name="blobServiceUri">The blob service URI.</param>
    /// <param name="queueServiceUri">The queue service URI.</param>
    /// <param name="credential">The identity to use.</param>
    public static TriggerEnvironment AzureStorage(string appRoot, Uri blobServiceUri, Uri queueServiceUri, TokenCredential credential) =>
        new() { Mode = TriggerStorageMode.AzureStorage, AppRoot = appRoot, BlobServiceUri = blobServiceUri, QueueServiceUri = queueServiceUri, Credential = credential };

    /// <summary>A blob service client for the account; Azure Storage mode only.</summary>
    /// <exception cref="InvalidOperationException">The environment is embedded or incomplete.</exception>
    public BlobServiceClient CreateBlobServiceClient()
    {
        RequireAzureStorage();
        return StorageConnectionString is { Length: > 0 } connectionString
            ? new BlobServiceClient(connectionString)
            : new BlobServiceClient(BlobServiceUri!, Credential!);
    }

    /// <summary>A queue service client for the account; Azure Storage mode only.</summary>
    /// <exception cref="InvalidOperationException">The environment is embedded or incomplete.</exception>
    public QueueServiceClient CreateQueueServiceClient()
    {
        RequireAzureStorage();
        return StorageConnectionString is { Length: > 0 } connectionString
            ? new QueueServiceClient(connectionString)
            : new QueueServiceClient(QueueServiceUri!, Credential!);
    }

    /// <summary>Checks that the environment is complete for its mode.</summary>
    /// <exception cref="InvalidOperationException">Something is missing; the message says what.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AppRoot))
        {
            throw new InvalidOperationException("The trigger environment has no app root.");
        }

        if (Mode == TriggerStorageMode.Embedded)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(StorageConnectionString))
        {
            return;
        }

        if (BlobServiceUri is null || QueueServiceUri is null || Credential is null)
        {
            throw new InvalidOperationException(
                "Azure Storage triggers need either a storage connection string or the blob and queue service URIs with a credential.");
        }
    }

    private void RequireAzureStorage()
    {
        if (Mode != TriggerStorageMode.AzureStorage)
        {
            throw new InvalidOperationException("Storage clients exist only in Azure Storage mode; the embedded triggers use the local folder.");
        }

        Validate();
    }
}
