using Azure.Messaging.ServiceBus;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Handles one peek-locked Service Bus message and settles it: completed only after every document it carries has its
/// start recorded; dead-lettered at once, with a reason, when it can never succeed (unparseable, missing or oversized
/// blob); abandoned on any other failure, so the queue redelivers it and dead-letters it after its maximum delivery
/// count. Starts are idempotent (the instance id is the content hash), so a redelivered message starts nothing twice.
/// </summary>
internal sealed class ServiceBusMessageHandler(ServiceBusDocumentReader reader, IDocumentScheduler scheduler, ILogger<ServiceBusMessageHandler> logger)
{
    /// <summary>Service Bus keeps at most this many characters of a dead-letter reason or description.</summary>
    internal const int MaxDeadLetterTextLength = 4096;

    /// <summary>Handles the message of <paramref name="args"/>; settles it and never throws, short of a bug.</summary>
    /// <param name="args">The message, its receiver and the processor's cancellation token.</param>
    public async Task HandleAsync(ProcessMessageEventArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var message = args.Message;
        var cancellationToken = args.CancellationToken;
        try
        {
            await foreach (var document in reader.ReadAsync(message, cancellationToken))
            {
                var submission = await scheduler.ScheduleAsync(document.Content, document.SourceName, TriggerNames.ServiceBus, cancellationToken);
                logger.DocumentSubmitted("service bus", document.SourceName, submission.InstanceId, submission.Outcome);
            }
        }
        catch (UnprocessableInputException ex)
        {
            logger.ServiceBusMessageDeadLettered(message.MessageId, message.DeliveryCount, ex.Category, ex.Message);
            await SettleAsync(
                () => args.DeadLetterMessageAsync(message, ex.Category, Truncate(ex.Message), CancellationToken.None),
                "dead-letter",
                message);
            return;
        }
        catch (Exception ex)
        {
            // On shutdown too: abandoning hands the message back at once instead of when its lock expires.
            if (!cancellationToken.IsCancellationRequested)
            {
                logger.ServiceBusMessageAbandoned(ex, message.MessageId, message.DeliveryCount);
            }

            await SettleAsync(() => args.AbandonMessageAsync(message, cancellationToken: CancellationToken.None), "abandon", message);
            return;
        }

        await SettleAsync(() => args.CompleteMessageAsync(message, CancellationToken.None), "complete", message);
    }

    private static string Truncate(string text) => text.Length <= MaxDeadLetterTextLength ? text : text[..(MaxDeadLetterTextLength - 1)] + "…";

    /// <summary>
    /// Settling may fail (lost lock, connection gone): the broker then redelivers the message when its lock expires,
    /// which is safe, so the failure is logged rather than thrown into the processor.
    /// </summary>
    private async Task SettleAsync(Func<Task> settle, string operation, ServiceBusReceivedMessage message)
    {
        try
        {
            await settle();
        }
        catch (Exception ex) when (ex is ServiceBusException or ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            logger.ServiceBusSettleFailed(ex, operation, message.MessageId);
        }
    }
}
