using DocPipeline.DurableTask.Http;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline;

namespace DocPipeline.Host.Triggers;

internal sealed partial class BlobDropTrigger
{
    private async Task StartAsync(BlobContainerClient container, BlobItem item, BlobDropState state, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(item.Name);
        var etag = item.Properties.ETag!.Value;
        var limit = pipeline.Value.MaxDocumentBytes;
        if (item.Properties.BlobType is not BlobType.Block)
        {
            await MarkFailedAsync(blob, item, etag, state, null, $"'{item.Name}' is a {item.Properties.BlobType} blob; only block blobs are processed.", cancellationToken);
            return;
        }

        if (item.Properties.ContentLength is { } length && length > limit)
        {
            await MarkFailedAsync(blob, item, etag, state, null, UnprocessableInputException.TooLarge($"Blob '{item.Name}'", length, limit).Message, cancellationToken);
            return;
        }

        var claim = state with { Status = BlobDropState.Claimed, ClaimedAt = time.GetUtcNow(), Attempts = state.Attempts + 1 };
        etag = (await blob.SetMetadataAsync(claim.ApplyTo(item.Metadata), new BlobRequestConditions { IfMatch = etag }, cancellationToken)).Value.ETag;
        logger.BlobClaimed(item.Name, claim.Attempts);
        try
        {
            var download = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = etag } }, cancellationToken);
            var submission = await submitter.SubmitAsync(download.Value.Content.ToMemory(), item.Name, TriggerNames.BlobDrop, cancellationToken: cancellationToken);
            logger.DocumentSubmitted("blob drop", item.Name, submission.InstanceId, submission.Outcome);
            var done = submission.Outcome == SubmissionOutcome.AlreadyCompleted;
            var next = claim with { Status = done ? BlobDropState.Completed : BlobDropState.Submitted, InstanceId = submission.InstanceId, Error = null };
            await blob.SetMetadataAsync(next.ApplyTo(item.Metadata), new BlobRequestConditions { IfMatch = etag }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !(ex is RequestFailedException { Status: 404 or 412 }))
        {
            if (claim.Attempts >= options.Value.MaxAttempts)
            {
                await MarkFailedAsync(blob, item, etag, claim, null, $"Gave up after {claim.Attempts} attempts; the last error: {ex.Message}", cancellationToken);
            }
            else
            {
                // Released, so the next scan tries again instead of waiting for the claim to go stale.
                var released = claim with { Status = null, ClaimedAt = null, Error = ex.Message };
                await blob.SetMetadataAsync(released.ApplyTo(item.Metadata), new BlobRequestConditions { IfMatch = etag }, cancellationToken);
                logger.BlobAttemptFailed(ex, item.Name, claim.Attempts, options.Value.MaxAttempts);
            }
        }
    }

    /// <summary>Marks a submitted blob completed or failed once its instance has ended; false while it is still running.</summary>
    private async Task<bool> RecordOutcomeAsync(BlobContainerClient container, BlobItem item, BlobDropState state, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(item.Name);
        var etag = item.Properties.ETag!.Value;
        if (state.InstanceId is not { Length: > 0 } instanceId)
        {
            await MarkFailedAsync(blob, item, etag, state, null, "The blob is marked submitted but names no instance.", cancellationToken);
            return true;
        }

        var instance = await InstanceOutcome.GetAsync(client, instanceId, cancellationToken);
        if (instance is null)
        {
            await MarkFailedAsync(blob, item, etag, state, instanceId, $"Instance '{instanceId}' no longer exists; it was purged before the blob's outcome was recorded.", cancellationToken);
            return true;
        }

        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
        {
            var completed = state with { Status = BlobDropState.Completed, Error = null };
            await blob.SetMetadataAsync(completed.ApplyTo(item.Metadata), new BlobRequestConditions { IfMatch = etag }, cancellationToken);
            logger.BlobFinished(item.Name, instanceId, instance.RuntimeStatus);
            return true;
        }

        if (instance.RuntimeStatus.IsTerminal())
        {
            await MarkFailedAsync(blob, item, etag, state, instanceId, InstanceOutcome.FailureReason(instance), cancellationToken);
            return true;
        }

        return false;
    }

    private async Task MarkFailedAsync(BlobClient blob, BlobItem item, ETag etag, BlobDropState state, string? instanceId, string reason, CancellationToken cancellationToken)
    {
        var failed = state with { Status = BlobDropState.Failed, InstanceId = instanceId ?? state.InstanceId, Error = reason };
        await blob.SetMetadataAsync(failed.ApplyTo(item.Metadata), new BlobRequestConditions { IfMatch = etag }, cancellationToken);
        logger.BlobFailed(item.Name, failed.InstanceId, reason);
    }
}
