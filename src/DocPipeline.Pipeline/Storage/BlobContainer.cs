using Azure;
using Azure.Storage.Blobs;

namespace DocPipeline.Pipeline.Storage;

/// <summary>A blob container created on first use, once per process.</summary>
internal sealed class BlobContainer(BlobContainerClient client)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public BlobContainerClient Client { get; } = client;

    public async Task<BlobContainerClient> ReadyAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return Client;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_ready)
            {
                await Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }

        return Client;
    }

    /// <summary>A 404: the blob, or its container, does not exist yet (both read as "missing").</summary>
    public static bool IsNotFound(RequestFailedException ex) => ex.Status == 404;
}
