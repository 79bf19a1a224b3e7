namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// Settings for <see cref="ServiceBusQueueListener"/>. The first four mirror host.json <c>extensions.serviceBus</c>,
/// so that section binds directly onto this class.
/// </summary>
public sealed class ServiceBusListenerOptions
{
    /// <summary>How many messages are handled at once (one receive loop each). Default: 16.</summary>
    public int MaxConcurrentCalls { get; set; } = 16;

    /// <summary>
    /// How long after receipt the lock keeps being renewed while the handler runs. Zero turns renewal off;
    /// <see cref="Timeout.InfiniteTimeSpan"/> renews for as long as the handler runs. Default: 5 minutes.
    /// </summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether a message is completed once its handler returns. When <see langword="false"/> the handler settles it
    /// itself through the client; a message whose handler throws is still abandoned. Default: <see langword="true"/>.
    /// </summary>
    public bool AutoCompleteMessages { get; set; } = true;

    /// <summary>Accepted for host.json compatibility and ignored: the REST API receives one message per call.</summary>
    public int PrefetchCount { get; set; }

    /// <summary>The long-poll wait of each receive call. Default: 60 seconds.</summary>
    public TimeSpan ReceiveWaitTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The first back-off after a failed receive or an empty answer that came back early. Default: 1 second.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off; each consecutive failure doubles the delay up to this cap. Default: 30 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a stopping listener lets in-flight handlers finish. When it runs out, the handlers' cancellation
    /// token is signalled and their messages are abandoned. Default: 30 seconds.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the values and throws <see cref="ArgumentOutOfRangeException"/> naming the first bad one.</summary>
    public void Validate()
    {
        if (MaxConcurrentCalls < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentCalls), MaxConcurrentCalls, "MaxConcurrentCalls must be at least 1.");
        }

        if (MaxAutoLockRenewalDuration < TimeSpan.Zero && MaxAutoLockRenewalDuration != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAutoLockRenewalDuration), MaxAutoLockRenewalDuration, "MaxAutoLockRenewalDuration must not be negative.");
        }

        if (PrefetchCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PrefetchCount), PrefetchCount, "PrefetchCount must not be negative.");
        }

        if (ReceiveWaitTime < TimeSpan.Zero || ReceiveWaitTime > ServiceBusRestClient.MaxReceiveWaitTime)
        {
            throw new ArgumentOutOfRangeException(nameof(ReceiveWaitTime), ReceiveWaitTime, $"ReceiveWaitTime must be between zero and {ServiceBusRestClient.MaxReceiveWaitTime}.");
        }

        if (InitialRetryDelay <= TimeSpan.Zero || MaxRetryDelay < InitialRetryDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(InitialRetryDelay), InitialRetryDelay, "InitialRetryDelay must be positive and no larger than MaxRetryDelay.");
        }

        if (ShutdownTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ShutdownTimeout), ShutdownTimeout, "ShutdownTimeout must not be negative.");
        }
    }
}
