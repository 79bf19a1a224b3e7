using System.Security.Cryptography;

namespace DocPipeline.Tests.Messaging.Fakes;

/// <summary>Behaviour of a <see cref="FakeServiceBusServer"/>.</summary>
public sealed class FakeServiceBusOptions
{
    /// <summary>How long a peek-lock lasts before the message becomes visible again.</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries after which an abandoned or expired message moves to the dead-letter queue.</summary>
    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>The broker clock: lock expiry, scheduled messages, token expiry and long-poll timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The shared access policy name SAS tokens must name.</summary>
    public string KeyName { get; init; } = "RootManageSharedAccessKey";

    /// <summary>The shared access key SAS tokens must be signed with.</summary>
    public string Key { get; init; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Bearer tokens accepted as valid Microsoft Entra tokens.</summary>
    public IReadOnlyCollection<string> BearerTokens { get; init; } = [];

    /// <summary>Whether any queue name is served; when false only <see cref="Queues"/> exist and others get 404.</summary>
    public bool AutoCreateQueues { get; init; } = true;

    /// <summary>Queues that exist from the start.</summary>
    public IReadOnlyCollection<string> Queues { get; init; } = [];

    /// <summary>The largest message body accepted; larger sends get 413.</summary>
    public int MaxMessageSizeBytes { get; init; } = 256 * 1024;
}
