namespace DocPipeline.Messaging.ServiceBus;

/// <summary>A message to send to a Service Bus queue. Unset properties are left for the broker to choose.</summary>
/// <param name="Body">The payload, sent as the HTTP request body.</param>
public sealed record ServiceBusMessage(BinaryData Body)
{
    /// <summary>The application-defined message id; the broker assigns one when unset (duplicate detection keys on it).</summary>
    public string? MessageId { get; init; }

    /// <summary>The correlation id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The session id, for session-enabled queues.</summary>
    public string? SessionId { get; init; }

    /// <summary>The application label (the <c>Subject</c> of the AMQP clients).</summary>
    public string? Label { get; init; }

    /// <summary>The reply-to address.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The "to" address.</summary>
    public string? To { get; init; }

    /// <summary>The content type, sent as the HTTP <c>Content-Type</c>; <c>application/octet-stream</c> when unset.</summary>
    public string? ContentType { get; init; }

    /// <summary>How long the message lives in the queue before it expires.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>When the message becomes visible to receivers; immediately when unset.</summary>
    public DateTimeOffset? ScheduledEnqueueTime { get; init; }

    /// <summary>The partition key, for partitioned queues.</summary>
    public string? PartitionKey { get; init; }

    /// <summary>
    /// String application properties, sent as custom HTTP headers whose values are JSON strings. Names must be
    /// valid HTTP header names and must not clash with the headers the protocol itself uses.
    /// </summary>
    public IReadOnlyDictionary<string, string>? ApplicationProperties { get; init; }
}
