using DocPipeline.Messaging.EventGrid;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Functions.Functions;

/// <summary>Blob drops and <c>ingest</c> queue messages.</summary>
public sealed class IngestFunctions(DocumentIntake intake, ILogger<IngestFunctions> logger)
{
    /// <summary>
    /// A blob committed in <c>incoming</c> (delivered by an Event Grid subscription). Idempotent on content: the same
    /// bytes dropped again find their run. A blob that cannot be read is copied to the failed container and kept.
    /// </summary>
    [Function(FunctionNames.IncomingBlob)]
    public async Task IncomingBlobAsync(
        [BlobTrigger(StorageNames.IncomingBlobPath, Source = BlobTriggerSource.EventGrid, Connection = StorageNames.StorageConnection)] byte[] content,
        string name,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(context);
        if (content.Length == 0)
        {
            logger.Refused("blob", name, "the blob is empty");
            await intake.KeepFailedAsync(StorageNames.IncomingContainer, name, context.CancellationToken).ConfigureAwait(false);
            return;
        }

        var submission = await intake.Submitter(client).SubmitAsync(content, name, "blob", cancellationToken: context.CancellationToken).ConfigureAwait(false);
        logger.Submitted("blob", submission.InstanceId, submission.Outcome.ToString());
    }

    /// <summary>
    /// Event Grid or CloudEvents BlobCreated (one or an array, base64 or plain) or a blob URL. A message that is none of
    /// these, or whose blob cannot be read, throws: the host retries it and then keeps it in <c>ingest-poison</c>.
    /// </summary>
    [Function(FunctionNames.IngestQueue)]
    public async Task IngestQueueAsync(
        [QueueTrigger(StorageNames.IngestQueue, Connection = StorageNames.StorageConnection)] string message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await intake.SubmitNotificationsAsync(client, message, "queue", context.CancellationToken).ConfigureAwait(false);
        }
        catch (BlobEventParseException ex)
        {
            logger.Refused("queue", "(message)", ex.Message);
            throw;
        }
    }
}
