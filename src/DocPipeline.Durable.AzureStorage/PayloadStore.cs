using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>
/// Keeps serialized payloads on table rows as UTF-8 binary properties, or in a blob (named on the row) when they are
/// over the threshold. Blobs are written before the row that names them, so a reader never finds a dangling name.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container, int thresholdBytes)
{
    /// <summary>The most a binary table property may hold, with room to spare under the 64 KiB limit.</summary>
    public const int MaxInlineBytes = 61_440;

    private const string BlobSuffix = "Blob";

    /// <summary>Sets <paramref name="property"/> on <paramref name="entity"/>, uploading the value first when it is large.</summary>
    public async Task SetAsync(TableEntity entity, string property, string? value, string blobName, CancellationToken cancellationToken)
    {
        entity.Remove(property);
        entity.Remove(property + BlobSuffix);
        if (value is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length <= thresholdBytes)
        {
            entity[property] = bytes;
            return;
        }

        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true, cancellationToken).ConfigureAwait(false);
        entity[property + BlobSuffix] = blobName;
    }

    /// <summary>Reads <paramref name="property"/> from <paramref name="entity"/>, downloading it when it lives in a blob.</summary>
    public async Task<string?> GetAsync(TableEntity entity, string property, CancellationToken cancellationToken)
    {
        if (entity.TryGetValue(property, out var inline) && inline is not null)
        {
            return inline switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                BinaryData data => data.ToString(),
                _ => inline.ToString(),
            };
        }

        if (entity.GetString(property + BlobSuffix) is not { } blobName)
        {
            return null;
        }

        try
        {
            var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new InvalidOperationException(
                $"The payload '{property}' of row '{entity.PartitionKey}'/'{entity.RowKey}' is stored in blob '{blobName}' of container '{container.Name}', which no longer exists.",
                ex);
        }
    }

    /// <summary>Whether the row keeps <paramref name="property"/> in a blob.</summary>
    public static bool IsInBlob(TableEntity entity, string property) => entity.ContainsKey(property + BlobSuffix);

    /// <summary>Deletes every blob of one instance.</summary>
    public async Task DeleteInstanceBlobsAsync(string instanceId, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, instanceId + "/", cancellationToken).ConfigureAwait(false))
        {
            await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A rough size of a row on the wire, for keeping batches under the 4 MiB limit.</summary>
    public static int EstimateSize(ITableEntity entity)
    {
        var size = 1024;
        if (entity is TableEntity table)
        {
            foreach (var (_, value) in table)
            {
                size += value switch
                {
                    byte[] bytes => (bytes.Length * 4 / 3) + 64,
                    string text => (text.Length * 2) + 64,
                    _ => 64,
                };
            }
        }

        return size;
    }
}
