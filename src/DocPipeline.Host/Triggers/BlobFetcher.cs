using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DocPipeline.Pipeline;
using DocPipeline.Messaging.EventGrid;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Downloads the blob a notification names. Blobs in the app's own account are read with the app's storage
/// credentials; a blob elsewhere is read through its URL (with the SAS token it carries, or the app's identity).
/// The size is checked before anything is downloaded.
/// </summary>
internal sealed class BlobFetcher(TriggerStorage storage, IOptions<PipelineOptions> pipeline)
{
    /// <summary>Downloads the blob.</summary>
    /// <exception cref="UnprocessableInputException">The blob does not exist, is too large, or cannot be addressed.</exception>
    public async Task<FetchedDocument> FetchAsync(BlobCreatedNotification notification, CancellationToken cancellationToken)
    {
        var what = $"Blob '{notification.Container}/{notification.BlobName}'";
        var limit = pipeline.Value.MaxDocumentBytes;
        if (notification.ContentLength is { } announced && announced > limit)
        {
            throw UnprocessableInputException.TooLarge(what, announced, limit);
        }

        var blob = Resolve(notification, what);
        try
        {
            BlobProperties properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.ContentLength > limit)
            {
                throw UnprocessableInputException.TooLarge(what, properties.ContentLength, limit);
            }

            // Pinned to the version whose size was checked; a blob replaced meanwhile fails with 412 and is retried.
            var download = await blob.DownloadContentAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } },
                cancellationToken);
            return new FetchedDocument(download.Value.Content.ToMemory(), notification.BlobName);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new UnprocessableInputException($"{what} does not exist: it was deleted, or its container is missing ({ex.ErrorCode ?? "404"}).", ex)
            {
                Category = "BlobNotFound",
            };
        }
    }

    private BlobClient Resolve(BlobCreatedNotification notification, string what)
    {
        var own = storage.Blobs;
        if (own is not null && (notification.AccountName is null || string.Equals(notification.AccountName, own.AccountName, StringComparison.OrdinalIgnoreCase)))
        {
            return own.GetBlobContainerClient(notification.Container).GetBlobClient(notification.BlobName);
        }

        if (notification.Url is not { } url)
        {
            throw new UnprocessableInputException(own is null
                ? $"{what} is named without a URL, and no storage account is configured to read it from."
                : $"{what} is in storage account '{notification.AccountName}', not the app's '{own.AccountName}', and the notification has no URL.");
        }

        if (!string.IsNullOrEmpty(url.Query))
        {
            return new BlobClient(url, TriggerStorage.ForeignBlobOptions());
        }

        return storage.Credential is { } credential
            ? new BlobClient(url, credential, TriggerStorage.ForeignBlobOptions())
            : new BlobClient(url, TriggerStorage.ForeignBlobOptions());
    }
}
