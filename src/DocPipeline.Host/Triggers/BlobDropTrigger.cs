using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DocPipeline.Host.Hosting;
using DocPipeline.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Azure Storage blob drop: polls the <c>incoming</c> container (Azurite has no Event Grid or change feed). Only
/// committed block blobs appear in a listing, so a blob still being uploaded is never seen. A new blob is claimed
/// with a conditional metadata write (one worker wins), downloaded, submitted, and marked <c>submitted</c> with its
/// instance id; later scans mark it <c>completed</c> or <c>failed</c> (with the reason) when the instance ends.
/// Failed originals stay where they are, marked, for inspection. See <see cref="BlobDropState"/>.
/// </summary>
internal sealed partial class BlobDropTrigger(
    DocumentSubmitter submitter,
    DurableTaskClient client,
    TriggerStorage storage,
    IOptions<BlobDropOptions> options,
    IOptions<PipelineOptions> pipeline,
    TimeProvider time,
    ILogger<BlobDropTrigger> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MinimumListingGap = TimeSpan.FromSeconds(1);

    /// <summary>Finished scans, for whoever waits for the trigger to have looked.</summary>
    internal TriggerProgress Progress { get; } = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.TriggerDisabled("blob drop", BlobDropOptions.SectionName + ":Enabled");
            return;
        }

        BlobContainerClient container;
        try
        {
            container = storage.Blobs!.GetBlobContainerClient(settings.Container);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            logger.StorageMisconfigured(ex, "blob drop");
            return;
        }

        logger.ContainerWatching(container.Uri.GetLeftPart(UriPartial.Path), settings.PollInterval);
        var failures = 0;
        var created = false;
        var minimumGap = settings.PollInterval < MinimumListingGap ? settings.PollInterval : MinimumListingGap;
        while (!stoppingToken.IsCancellationRequested)
        {
            var awaiting = 0;
            var statusChanged = client.NextChangeAsync();
            try
            {
                if (!created)
                {
                    await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                awaiting = await ScanAsync(container, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;

                // A container deleted while the trigger runs is created again.
                created &= ex is not RequestFailedException { Status: 404 };
                logger.ScanFailed(ex, "blob drop", container.Name, failures);
            }

            Progress.CycleFinished();
            var wait = failures == 0 ? settings.PollInterval : TriggerDelays.Backoff(failures, settings.PollInterval, MaxRetryDelay);

            // Outcomes of documents run by this process are seen soon after they change, but a listing at most once per
            // gap however busy the pipeline is; other blobs wait for the timer.
            Task[] wakeUps = awaiting > 0 ? [statusChanged] : [];
            var listed = time.GetTimestamp();
            if (!await TriggerDelays.WaitAsync(wakeUps, wait, time, stoppingToken))
            {
                return;
            }

            var sinceListed = time.GetElapsedTime(listed);
            if (sinceListed < minimumGap && !await TriggerDelays.DelayAsync(minimumGap - sinceListed, time, stoppingToken))
            {
                return;
            }
        }
    }

    /// <summary>One pass over the container; returns how many submitted blobs still wait for their instance.</summary>
    private async Task<int> ScanAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        var awaiting = 0;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
        {
            var state = BlobDropState.Read(item.Metadata);
            try
            {
                switch (state.Status)
                {
                    case null:
                    case BlobDropState.Claimed when IsStale(state):
                        await StartAsync(container, item, state, cancellationToken);
                        break;
                    case BlobDropState.Submitted:
                        awaiting += await RecordOutcomeAsync(container, item, state, cancellationToken) ? 0 : 1;
                        break;
                    default:
                        break;
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Another worker claimed it first, or it was replaced or deleted meanwhile; the next scan sees the new state.
                logger.BlobChangedMeanwhile(item.Name, ex.ErrorCode);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                logger.BlobStepFailed(ex, item.Name, state.Status ?? "new");
            }
        }

        return awaiting;
    }

    private bool IsStale(BlobDropState state) =>
        state.ClaimedAt is not { } at || time.GetUtcNow() - at > options.Value.ClaimTimeout;
}
