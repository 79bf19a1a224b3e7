using Azure;
using Azure.Storage.Queues;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>Queue calls with the service's limits applied: whole-second visibility, at most 7 days, no expiry.</summary>
internal static class QueueOperations
{
    /// <summary>Messages never expire: a timer's wake-up may wait longer than the default 7-day time to live.</summary>
    private static readonly TimeSpan NeverExpire = TimeSpan.FromSeconds(-1);

    /// <summary>The longest visibility delay the service accepts, with a margin.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5);

    /// <summary>Rounds a delay up to whole seconds (the service's unit, so nothing wakes early) within the limits.</summary>
    public static TimeSpan ToVisibility(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return delay >= MaxDelay ? MaxDelay : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
    }

    /// <summary>Sends a message that becomes visible after <paramref name="delay"/>; returns its receipt and the delay used.</summary>
    public static async Task<(QueueReceipt Receipt, TimeSpan Visibility)> SendAsync(QueueClient queue, string text, TimeSpan delay, CancellationToken cancellationToken)
    {
        var visibility = ToVisibility(delay);
        var sent = await queue.SendMessageAsync(text, visibility, NeverExpire, cancellationToken).ConfigureAwait(false);
        return (new QueueReceipt(queue, sent.Value.MessageId, sent.Value.PopReceipt), visibility);
    }

    /// <summary>Hides a received message for <paramref name="delay"/>; null when the receipt is no longer valid.</summary>
    public static async Task<QueueReceipt?> HideAsync(QueueReceipt receipt, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            var updated = await receipt.Queue.UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, (BinaryData?)null, ToVisibility(delay), cancellationToken).ConfigureAwait(false);
            return receipt with { PopReceipt = updated.Value.PopReceipt };
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 404)
        {
            return null;
        }
    }

    /// <summary>Deletes a received message; a message already gone or received by someone else is left alone.</summary>
    public static async Task DeleteAsync(QueueReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            await receipt.Queue.DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 404)
        {
        }
    }

    /// <summary>Receives up to <paramref name="max"/> visible messages, hiding them for <paramref name="visibility"/>.</summary>
    public static async Task<List<(QueueReceipt Receipt, string Text)>> ReceiveAsync(QueueClient queue, int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var result = new List<(QueueReceipt, string)>();
        if (max <= 0)
        {
            return result;
        }

        var hide = ToVisibility(visibility);
        var messages = await queue.ReceiveMessagesAsync(Math.Min(max, 32), hide < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : hide, cancellationToken).ConfigureAwait(false);
        foreach (var message in messages.Value)
        {
            result.Add((new QueueReceipt(queue, message.MessageId, message.PopReceipt), message.Body.ToString()));
        }

        return result;
    }
}
