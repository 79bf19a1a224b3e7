namespace DocPipeline.Tests.Messaging.Fakes;

/// <summary>What a <see cref="FakeServiceBusServer"/> has done so far.</summary>
public sealed record FakeServiceBusCounters(
    int Sends,
    int Deliveries,
    int EmptyReceives,
    int Completes,
    int Abandons,
    int Renewals,
    int LockLostResponses,
    int LockExpirations,
    int DeadLettered,
    int Unauthorized);
