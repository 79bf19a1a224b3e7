using Azure;
using Azure.Storage.Blobs;

namespace DocPipeline.Pipeline.Storage;

/// <summary>
/// Artifacts as block blobs in one container (<c>{hub}-artifacts</c>), so every worker sharing a task hub sees them.
/// An upload commits in one step, so readers see the old or the new content, never a part.
/// </summary>
public sealed class BlobArtifactStore : IArtifactStore
{
    private readonly BlobContainer _container;

    /// <summary>Creates the store over a container; the container is created on first write.</summary>
    /// <param name="container">The container.</param>
    public BlobArtifactStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = new BlobContainer(container);
    }

    /// <summary>The container.</summary>
    public BlobContainerClient Container => _container.Client;

    /// <summary>The container name for a task hub: <c>{hub}-artifacts</c>, lower-case as Blob storage requires.</summary>
    /// <param name="hubName">The task hub name.</param>
    public static string ContainerName(string hubName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hubName);
        return hubName.ToLowerInvariant() + "-artifacts";
    }

    /// <inheritdoc />
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var name = BlobName(key);
        var container = await _container.ReadyAsync(cancellationToken).ConfigureAwait(false);
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var name = BlobName(key);
        try
        {
            var download = await _container.Client.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (BlobContainer.IsNotFound(ex))
        {
            throw new FileNotFoundException($"Artifact '{key}' was not found.", key, ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        var name = BlobName(key);
        try
        {
            return (await _container.Client.GetBlobClient(name).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException ex) when (BlobContainer.IsNotFound(ex))
        {
            return false;
        }
    }

    private static string BlobName(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        foreach (var segment in key.Split('/'))
        {
            if (segment is "" or "." or ".." || segment.Any(c => char.IsControl(c) || c == '\\'))
            {
                throw new ArgumentException($"'{key}' is not a valid artifact key.", nameof(key));
            }
        }

        return key;
    }
}
