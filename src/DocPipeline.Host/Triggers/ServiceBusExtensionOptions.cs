using System.ComponentModel.DataAnnotations;
using Azure.Messaging.ServiceBus;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// The Service Bus processor's settings, read from host.json <c>extensions.serviceBus</c> under the Azure Functions
/// names. <c>autoCompleteMessages</c> is not read: this host always settles each message itself, completing it only
/// once the document's start is recorded.
/// </summary>
public sealed class ServiceBusExtensionOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "extensions:serviceBus";

    /// <summary>How many messages are handled at once. Default 16.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentCalls { get; set; } = 16;

    /// <summary>
    /// How long the lock of a message being handled keeps being renewed. Zero turns renewal off;
    /// <see cref="Timeout.InfiniteTimeSpan"/> renews for as long as the handler runs. Default 5 minutes.
    /// </summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Messages fetched ahead of the handlers. Default 0 (none: a prefetched message's lock ticks while it waits).</summary>
    [Range(0, 100_000)]
    public int PrefetchCount { get; set; }

    /// <summary>The processor options: peek-lock, settled by the handler, renewal and concurrency from these settings.</summary>
    public ServiceBusProcessorOptions ToProcessorOptions() => new()
    {
        ReceiveMode = ServiceBusReceiveMode.PeekLock,
        AutoCompleteMessages = false,
        MaxConcurrentCalls = MaxConcurrentCalls,
        MaxAutoLockRenewalDuration = MaxAutoLockRenewalDuration,
        PrefetchCount = PrefetchCount,
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxAutoLockRenewalDuration < TimeSpan.Zero && MaxAutoLockRenewalDuration != Timeout.InfiniteTimeSpan)
        {
            yield return new ValidationResult(
                "MaxAutoLockRenewalDuration must be zero (no renewal), a positive duration, or -00:00:00.001 (renew while the handler runs).",
                [nameof(MaxAutoLockRenewalDuration)]);
        }
    }
}
