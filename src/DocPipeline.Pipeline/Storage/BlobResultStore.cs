using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DocPipeline.Pipeline.Contracts;

namespace DocPipeline.Pipeline.Storage;

/// <summary>Results as <c>{instanceId}.json</c> blobs in one container (<c>results</c> by default).</summary>
public sealed class BlobResultStore : IResultStore
{
    /// <summary>The default container.</summary>
    public const string DefaultContainerName = "results";

    private static readonly JsonSerializerOptions Options = PipelineJson.Indented;
    private static readonly BlobUploadOptions JsonUpload = new() { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } };
    private readonly BlobContainer _container;

    /// <summary>Creates the store over a container; the container is created on first write.</summary>
    /// <param name="container">The container.</param>
    public BlobResultStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = new BlobContainer(container);
    }

    /// <summary>The container.</summary>
    public BlobContainerClient Container => _container.Client;

    /// <inheritdoc />
    public async Task<string> SaveAsync(DocumentResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var container = await _container.ReadyAsync(cancellationToken).ConfigureAwait(false);
        var blob = container.GetBlobClient(BlobName(result.InstanceId));
        await blob.UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(result, Options)), JsonUpload, cancellationToken).ConfigureAwait(false);
        return blob.Uri.ToString();
    }

    /// <inheritdoc />
    public async Task<string?> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        try
        {
            var download = await _container.Client.GetBlobClient(BlobName(instanceId)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return download.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (BlobContainer.IsNotFound(ex))
        {
            return null;
        }
    }

    /// <summary>The blob name of an instance's result; the same characters <see cref="FileResultStore"/> keeps.</summary>
    /// <param name="instanceId">The instance id.</param>
    public static string BlobName(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return string.Concat(instanceId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".json";
    }
}
