using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using DocPipeline.Messaging.EventGrid;

namespace DocPipeline.Host.Triggers;

internal sealed partial class IngestQueueTrigger
{
    /// <summary>Poison messages never expire: what could not be handled stays until someone looks at it.</summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    /// <summary>Handles one message; never throws, short of shutdown.</summary>
    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            // Received more often than failures were counted: the worker stopped while handling it, each time.
            await PoisonAsync(queue, poison, message, $"The message was received {message.DequeueCount} times without being handled to the end.", cancellationToken);
            return;
        }

        try
        {
            await SubmitBlobsAsync(message, cancellationToken);
        }
        catch (UnprocessableInputException ex)
        {
            await PoisonAsync(queue, poison, message, ex.Message, cancellationToken);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the message comes back when its lease runs out, and submitting again is harmless.
            return;
        }
        catch (Exception ex)
        {
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await PoisonAsync(queue, poison, message, $"Failed {message.DequeueCount} times; the last error: {ex.Message}", cancellationToken);
            }
            else
            {
                logger.MessageFailed(ex, queue.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, settings.VisibilityTimeout);
                await TryAsync(() => queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, message.Body, settings.VisibilityTimeout, cancellationToken), queue.Name, message.MessageId, "release");
            }

            return;
        }

        await TryAsync(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken), queue.Name, message.MessageId, "delete");
    }

    private async Task SubmitBlobsAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        BlobEventParseResult parsed;
        try
        {
            parsed = BlobEventParser.Parse(message.Body, intake);
        }
        catch (BlobEventParseException ex)
        {
            throw new UnprocessableInputException(ex.Message, ex) { Category = "UnparseableMessage" };
        }

        parsed.LogIgnored(logger);

        foreach (var notification in parsed.Created)
        {
            var document = await fetcher.FetchAsync(notification, cancellationToken);
            var submission = await submitter.SubmitAsync(document.Content, document.SourceName, TriggerNames.Queue, cancellationToken: cancellationToken);
            logger.DocumentSubmitted("ingest queue", document.SourceName, submission.InstanceId, submission.Outcome);
        }
    }

    private async Task PoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        var envelope = PoisonMessage.For(queue.Name, message, reason, time.GetUtcNow());
        var sent = await TryAsync(() => poison.SendMessageAsync(envelope.ToJson(), null, NeverExpires, cancellationToken), poison.Name, message.MessageId, "move to poison");
        if (!sent)
        {
            // The envelope may be too large for a queue message; the original text alone always fits.
            sent = await TryAsync(() => poison.SendMessageAsync(message.Body, null, NeverExpires, cancellationToken), poison.Name, message.MessageId, "move to poison");
        }

        if (sent)
        {
            logger.MessagePoisoned(queue.Name, message.MessageId, message.DequeueCount, poison.Name, reason);
            await TryAsync(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken), queue.Name, message.MessageId, "delete");
        }
    }

    /// <summary>Runs a queue call whose failure only delays things (the message reappears when its lease ends); logs and reports failure.</summary>
    private async Task<bool> TryAsync(Func<Task> call, string queueName, string messageId, string operation)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException or TimeoutException or AggregateException)
        {
            logger.QueueOperationFailed(ex, operation, queueName, messageId);
            return false;
        }
    }
}
