namespace DocPipeline.Tests.Messaging.Fakes;

/// <summary>A message as the fake broker stores it; guarded by the server's lock.</summary>
internal sealed class FakeBrokerMessage
{
    public required long SequenceNumber { get; init; }

    public required string MessageId { get; init; }

    public required byte[] Body { get; init; }

    public required DateTimeOffset EnqueuedTime { get; init; }

    public string? ContentType { get; init; }

    public string? Label { get; init; }

    public string? CorrelationId { get; init; }

    public string? SessionId { get; init; }

    public string? ReplyTo { get; init; }

    public string? To { get; init; }

    public string? PartitionKey { get; init; }

    public double? TimeToLiveSeconds { get; init; }

    public DateTimeOffset? ScheduledEnqueueTime { get; init; }

    public Dictionary<string, string> ApplicationProperties { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public int DeliveryCount { get; set; }

    public Guid? LockToken { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public string? DeadLetterReason { get; set; }

    public string? DeadLetterErrorDescription { get; set; }

    public bool IsLocked => LockToken is not null;

    public bool IsVisible(DateTimeOffset now) => !IsLocked && (ScheduledEnqueueTime is not { } at || at <= now);

    public FakeMessageSnapshot Snapshot() =>
        new(SequenceNumber, MessageId, DeliveryCount, IsLocked, LockedUntil, Body, Label, DeadLetterReason);
}
