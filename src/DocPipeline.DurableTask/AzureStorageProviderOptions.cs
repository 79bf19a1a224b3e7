namespace DocPipeline.DurableTask;

/// <summary>
/// Settings of the Azure Storage backend (DurableTask.AzureStorage), host.json
/// <c>extensions.durableTask.storageProvider</c>. Names and defaults are Durable Functions' except where a crash
/// must be recovered from quickly: a standalone host is often the only worker on its hub, so nobody else picks up
/// the work of a killed process until its message visibility and partition leases run out. The defaults here make
/// that happen within 30 seconds (see docs/reliability.md).
/// </summary>
public sealed class AzureStorageProviderOptions
{
    /// <summary>Control queues (partitions) of a new task hub, 1–16. Default 4, as in Durable Functions.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>Messages fetched from a control queue at a time, at most 32. Default 32, as in Durable Functions.</summary>
    public int ControlQueueBatchSize { get; set; } = 32;

    /// <summary>
    /// The longest wait between polls of an idle queue. Durable Functions' default is 30 s; here 5 s, so that a
    /// restarted host notices returned work well within the 30 s recovery target.
    /// </summary>
    public TimeSpan? MaxQueuePollingInterval { get; set; }

    /// <summary>
    /// How long a fetched control-queue message stays hidden from other workers. The engine renews it while a step
    /// runs; after a crash the message reappears when it runs out. Durable Functions and DTFx default to 5 minutes;
    /// here 15 s.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a fetched activity message stays hidden. The engine renews it while the activity runs, so long
    /// activities are safe; after a crash the activity is run again once it runs out. DTFx's default is 5 minutes;
    /// here 15 s.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Partition leases kept in a table (DTFx's table partition manager) rather than in blob leases.
    /// Default <c>true</c>, as in Durable Functions 3.x.
    /// </summary>
    public bool UseTablePartitionManagement { get; set; } = true;

    /// <summary>
    /// How long a partition lease lasts without renewal: after a crash another worker (or the restarted one) takes the
    /// partition once it runs out. DTFx's default is 30 s; here 15 s.
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often held leases are renewed and free ones looked for. DTFx's default is 10 s; here 5 s.</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The polling interval used when neither this nor the durableTask-level setting is given.</summary>
    public static TimeSpan DefaultMaxQueuePollingInterval { get; } = TimeSpan.FromSeconds(5);
}
