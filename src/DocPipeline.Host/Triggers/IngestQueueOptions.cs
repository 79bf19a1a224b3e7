using System.ComponentModel.DataAnnotations;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// The storage-queue trigger (Azure Storage mode). Bound first from host.json <c>extensions.queues</c> (the Azure
/// Functions names: <c>maxPollingInterval</c>, <c>visibilityTimeout</c>, <c>batchSize</c>, <c>maxDequeueCount</c>),
/// then from <c>Pipeline:IngestQueue</c>, which wins.
/// </summary>
public sealed class IngestQueueOptions
{
    /// <summary>The configuration section that overrides <c>extensions:queues</c>.</summary>
    public const string SectionName = "Pipeline:IngestQueue";

    /// <summary>The Azure Functions host.json section read first.</summary>
    public const string HostSectionName = "extensions:queues";

    /// <summary>Whether the trigger runs (Azure Storage mode only). Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The queue carrying blob URLs or Event Grid / CloudEvents <c>BlobCreated</c> events. Default <c>ingest</c>.</summary>
    [Required]
    public string QueueName { get; set; } = "ingest";

    /// <summary>Where messages that cannot be handled go, with the reason. Default <c>{QueueName}-poison</c>.</summary>
    public string? PoisonQueueName { get; set; }

    /// <summary>Deliveries of a message that keeps failing before it moves to the poison queue. Default 5.</summary>
    [Range(1, 1000)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>Messages received per call (at most 32). Default 16.</summary>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>The longest wait between polls of an empty queue; polling backs off up to it. Default 10 s.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a message that failed stays invisible before it is tried again. Default 10 s.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a received message stays invisible to other workers while it is handled. Default 5 min.</summary>
    public TimeSpan MessageLeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The poison queue's name.</summary>
    public string ResolvedPoisonQueueName => string.IsNullOrWhiteSpace(PoisonQueueName) ? QueueName + "-poison" : PoisonQueueName;
}
