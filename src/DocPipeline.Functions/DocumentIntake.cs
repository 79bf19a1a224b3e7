using Azure;
using Azure.Storage.Blobs;
using DocPipeline.Messaging.EventGrid;
using DocPipeline.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocPipeline.Functions;

/// <summary>
/// Hands documents to the shared <see cref="DocumentSubmitter"/> (content-hash instance ids, so a document arriving
/// twice is one run) with the <see cref="DurableTaskClient"/> the function was given; downloads the blobs that queue
/// messages and events name, within the pipeline's size limit.
/// </summary>
public sealed class DocumentIntake(IServiceProvider services, BlobServiceClient blobs, IOptions<PipelineOptions> options, ILogger<DocumentIntake> logger)
{

    /// <summary>The submitter over the function's client.</summary>
    /// <param name="client">The client from <c>[DurableClient]</c>.</param>
    public DocumentSubmitter Submitter(DurableTaskClient client) => ActivatorUtilities.CreateInstance<DocumentSubmitter>(services, client);

    /// <summary>Submits the document a blob holds.</summary>
    /// <param name="client">The client from <c>[DurableClient]</c>.</param>
    /// <param name="container">The container.</param>
    /// <param name="name">The blob name.</param>
    /// <param name="trigger">How it arrived.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="InvalidDataException">The blob is missing or larger than the limit; it is kept in the failed container when it exists.</exception>
    public async Task<Submission> SubmitBlobAsync(DurableTaskClient client, string container, string name, string trigger, CancellationToken cancellationToken)
    {
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(name);
        byte[] content;
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (properties.Value.ContentLength > options.Value.MaxDocumentBytes)
            {
                await KeepFailedAsync(container, name, cancellationToken).ConfigureAwait(false);
                throw new InvalidDataException($"Blob '{container}/{name}' is {properties.Value.ContentLength} bytes; the limit is {options.Value.MaxDocumentBytes} (Pipeline:MaxDocumentBytes).");
            }

            content = (await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new InvalidDataException($"Blob '{container}/{name}' does not exist (deleted after the event was sent?).", ex);
        }

        var submission = await Submitter(client).SubmitAsync(content, name, trigger, cancellationToken: cancellationToken).ConfigureAwait(false);
        logger.Submitted(trigger, submission.InstanceId, submission.Outcome.ToString());
        return submission;
    }

    /// <summary>Submits every blob a queue message (Event Grid, CloudEvents or a blob URL; base64 or plain) names.</summary>
    /// <param name="client">The client from <c>[DurableClient]</c>.</param>
    /// <param name="message">The message body.</param>
    /// <param name="trigger">How it arrived.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <exception cref="BlobEventParseException">The message is neither an event nor a blob URL.</exception>
    public async Task<IReadOnlyList<Submission>> SubmitNotificationsAsync(DurableTaskClient client, string message, string trigger, CancellationToken cancellationToken)
    {
        var parsed = BlobEventParser.Parse(message);
        foreach (var ignored in parsed.Ignored)
        {
            logger.EventIgnored(ignored.EventType, ignored.Reason);
        }

        var submissions = new List<Submission>(parsed.Created.Count);
        foreach (var created in parsed.Created)
        {
            submissions.Add(await SubmitBlobAsync(client, created.Container, created.BlobName, trigger, cancellationToken).ConfigureAwait(false));
        }

        return submissions;
    }

    /// <summary>Copies an original that could not be processed to the failed container (the original stays where it is).</summary>
    /// <param name="container">Its container.</param>
    /// <param name="name">Its name.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public async Task KeepFailedAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var source = blobs.GetBlobContainerClient(container).GetBlobClient(name);
            var failed = blobs.GetBlobContainerClient(StorageNames.FailedContainer);
            await failed.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var copy = await failed.GetBlobClient(name).StartCopyFromUriAsync(source.Uri, cancellationToken: cancellationToken).ConfigureAwait(false);
            await copy.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            logger.KeepFailedError(container, name, ex);
        }
    }
}
