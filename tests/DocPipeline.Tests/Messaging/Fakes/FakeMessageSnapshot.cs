namespace DocPipeline.Tests.Messaging.Fakes;

/// <summary>The state of one message held by a <see cref="FakeServiceBusServer"/>.</summary>
public sealed record FakeMessageSnapshot(
    long SequenceNumber,
    string MessageId,
    int DeliveryCount,
    bool IsLocked,
    DateTimeOffset? LockedUntil,
    byte[] Body,
    string? Label,
    string? DeadLetterReason);
