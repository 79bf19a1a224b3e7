using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using DocPipeline.Pipeline;
using DocPipeline.Messaging.EventGrid;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Storage-queue trigger: each message on the <c>ingest</c> queue names blobs (a blob URL, or Event Grid /
/// CloudEvents <c>BlobCreated</c> events, base64 or plain, one or an array). Each blob is downloaded with the app's
/// storage credentials and submitted; the message is deleted only after every submission has been recorded. A
/// message that fails becomes visible again after <see cref="IngestQueueOptions.VisibilityTimeout"/> and moves to the
/// poison queue, with the reason, on its <see cref="IngestQueueOptions.MaxDequeueCount"/>th failure; a message that
/// can never succeed (unparseable, missing or oversized blob) moves there at once. Queues have no push, so the
/// trigger polls, backing off while the queue is empty.
/// </summary>
internal sealed partial class IngestQueueTrigger(
    DocumentSubmitter submitter,
    BlobFetcher fetcher,
    BlobEventParserOptions intake,
    TriggerStorage storage,
    IOptions<IngestQueueOptions> options,
    TimeProvider time,
    ILogger<IngestQueueTrigger> logger) : BackgroundService
{
    private static readonly TimeSpan FirstEmptyDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstFailureDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxFailureDelay = TimeSpan.FromMinutes(1);

    /// <summary>Finished receive cycles, for whoever waits for the trigger to have looked.</summary>
    internal TriggerProgress Progress { get; } = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.TriggerDisabled("ingest queue", IngestQueueOptions.SectionName + ":Enabled");
            return;
        }

        QueueClient queue, poison;
        try
        {
            queue = storage.Queues!.GetQueueClient(settings.QueueName);
            poison = storage.Queues!.GetQueueClient(settings.ResolvedPoisonQueueName);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            logger.StorageMisconfigured(ex, "ingest queue");
            return;
        }

        logger.QueueWatching(queue.Name, poison.Name, settings.MaxDequeueCount);
        var created = false;
        var failures = 0;
        var empties = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(settings.BatchSize, settings.MessageLeaseDuration, stoppingToken);
                failures = 0;
                empties = messages.Length == 0 ? empties + 1 : 0;
                await Task.WhenAll(messages.Select(m => HandleAsync(queue, poison, m, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;

                // A queue deleted while the trigger runs is created again.
                created &= ex is not RequestFailedException { Status: 404 };
                logger.ReceiveFailed(ex, queue.Name, failures);
            }

            Progress.CycleFinished();
            var delay = failures > 0 ? TriggerDelays.Backoff(failures, FirstFailureDelay, MaxFailureDelay)
                : empties > 0 ? TriggerDelays.Backoff(empties, FirstEmptyDelay, settings.MaxPollingInterval)
                : TimeSpan.Zero;
            if (delay > TimeSpan.Zero && !await TriggerDelays.DelayAsync(delay, time, stoppingToken))
            {
                return;
            }
        }
    }
}
