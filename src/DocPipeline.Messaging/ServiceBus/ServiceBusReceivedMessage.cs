namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// A message received in peek-lock mode. It stays locked to this receiver until
/// <see cref="LockedUntil"/>; settle it with <see cref="ServiceBusRestClient.CompleteAsync"/> or
/// <see cref="ServiceBusRestClient.AbandonAsync"/>, or extend the lock with <see cref="ServiceBusRestClient.RenewLockAsync"/>.
/// </summary>
public sealed record ServiceBusReceivedMessage
{
    /// <summary>The payload.</summary>
    public required BinaryData Body { get; init; }

    /// <summary>The URI that completes (DELETE), abandons (PUT) or renews (POST) this delivery's lock.</summary>
    public required Uri LockUri { get; init; }

    /// <summary>The entity the message was received from: the queue name, or <c>{queue}/$DeadLetterQueue</c>.</summary>
    public required string EntityPath { get; init; }

    /// <summary>The message id.</summary>
    public string? MessageId { get; init; }

    /// <summary>The lock token of this delivery.</summary>
    public string? LockToken { get; init; }

    /// <summary>The broker-assigned sequence number.</summary>
    public long SequenceNumber { get; init; }

    /// <summary>How many times the message has been delivered, this delivery included.</summary>
    public int DeliveryCount { get; init; }

    /// <summary>When the lock expires, by the broker's clock (whole seconds).</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    /// <summary>
    /// The lock duration the broker granted, measured on the broker's clock (lock expiry minus the response date);
    /// <see langword="null"/> when the broker did not report both.
    /// </summary>
    public TimeSpan? LockDuration { get; init; }

    /// <summary>When the receive request that returned this message was sent, by the local clock.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the message was enqueued.</summary>
    public DateTimeOffset? EnqueuedTime { get; init; }

    /// <summary>When the message was scheduled to become visible, if it was scheduled.</summary>
    public DateTimeOffset? ScheduledEnqueueTime { get; init; }

    /// <summary>The correlation id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The session id.</summary>
    public string? SessionId { get; init; }

    /// <summary>The application label.</summary>
    public string? Label { get; init; }

    /// <summary>The reply-to address.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The "to" address.</summary>
    public string? To { get; init; }

    /// <summary>The content type the message was sent with.</summary>
    public string? ContentType { get; init; }

    /// <summary>The time to live.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>The partition key.</summary>
    public string? PartitionKey { get; init; }

    /// <summary>The broker's message state (<c>Active</c>, <c>Deferred</c>, <c>Scheduled</c>).</summary>
    public string? State { get; init; }

    /// <summary>Why the message was dead-lettered (e.g. <c>MaxDeliveryCountExceeded</c>); set on dead-letter queue messages.</summary>
    public string? DeadLetterReason { get; init; }

    /// <summary>The broker's description of the dead-lettering.</summary>
    public string? DeadLetterErrorDescription { get; init; }

    /// <summary>String application properties (custom headers whose values are JSON strings).</summary>
    public IReadOnlyDictionary<string, string> ApplicationProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the message came from a dead-letter queue.</summary>
    public bool IsFromDeadLetterQueue =>
        EntityPath.EndsWith("/" + ServiceBusRestClient.DeadLetterQueueSuffix, StringComparison.OrdinalIgnoreCase);
}
