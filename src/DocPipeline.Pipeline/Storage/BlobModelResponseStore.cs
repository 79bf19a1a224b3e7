using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using DocPipeline.Inference.Caching;

namespace DocPipeline.Pipeline.Storage;

/// <summary>
/// Saved model answers as blobs (<c>{hub}-modelresponses</c>), shared by every worker of a task hub, so a model call
/// re-run on another machine after a crash is read back instead of paid for again.
/// </summary>
public sealed class BlobModelResponseStore : IModelResponseStore
{
    private readonly BlobContainer _container;

    /// <summary>Creates the store over a container; the container is created on first write.</summary>
    /// <param name="container">The container.</param>
    public BlobModelResponseStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = new BlobContainer(container);
    }

    /// <summary>The container name for a task hub: <c>{hub}-modelresponses</c>, lower-case.</summary>
    /// <param name="hubName">The task hub name.</param>
    public static string ContainerName(string hubName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        return hubName.ToLowerInvariant() + "-modelresponses";
    }

    /// <inheritdoc />
    public async Task<string?> TryGetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var download = await _container.Client.GetBlobClient(BlobName(key)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (BlobContainer.IsNotFound(ex))
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(string key, string payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var container = await _container.ReadyAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(BlobName(key)).UploadAsync(BinaryData.FromString(payload), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    // Keys can be long and hold any character; their hash is a safe, fixed-length blob name.
    private static string BlobName(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))) + ".json";
    }
}
