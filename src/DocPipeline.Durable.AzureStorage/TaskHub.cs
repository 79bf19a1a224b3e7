using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>The clients of one task hub: its tables, queues and container, named after the hub.</summary>
internal sealed partial class TaskHub
{
    public TaskHub(AzureStorageStoreOptions options)
    {
        Validate(options);
        Name = options.HubName ?? "DocPipeline";
        var lower = Name.ToLowerInvariant();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        TableServiceClient tables;
        QueueServiceClient queues;
        BlobServiceClient blobs;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            tables = new TableServiceClient(options.ConnectionString);
            queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            blobs = new BlobServiceClient(options.ConnectionString);
        }
        else
        {
            var credential = options.Credential ?? new DefaultAzureCredential();
            tables = new TableServiceClient(options.TableServiceUri!, credential);
            queues = new QueueServiceClient(options.QueueServiceUri!, credential, queueOptions);
            blobs = new BlobServiceClient(options.BlobServiceUri!, credential);
        }

        Instances = tables.GetTableClient(Name + "Instances");
        WorkItems = tables.GetTableClient(Name + "WorkItems");
        Poison = tables.GetTableClient(Name + "Poison");
        ControlQueues = Enumerable.Range(0, options.PartitionCount)
            .Select(i => queues.GetQueueClient(string.Create(CultureInfo.InvariantCulture, $"{lower}-control-{i:D2}")))
            .ToArray();
        WorkItemQueue = queues.GetQueueClient(lower + "-workitems");
        LargeMessages = blobs.GetBlobContainerClient(lower + "-largemessages");
    }

    /// <summary>The hub name.</summary>
    public string Name { get; }

    /// <summary>One partition per instance: the instance row, its history rows and its inbox rows.</summary>
    public TableClient Instances { get; }

    /// <summary>Activity work items, one partition per instance.</summary>
    public TableClient WorkItems { get; }

    /// <summary>Messages and work items set aside because they kept crashing workers.</summary>
    public TableClient Poison { get; }

    /// <summary>Wake-ups for instances with new messages, spread by a hash of the instance id.</summary>
    public IReadOnlyList<QueueClient> ControlQueues { get; }

    /// <summary>One message per activity work item.</summary>
    public QueueClient WorkItemQueue { get; }

    /// <summary>Payloads over the size threshold.</summary>
    public BlobContainerClient LargeMessages { get; }

    /// <summary>Creates everything the hub uses; safe to call more than once.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        var tasks = new List<Task>
        {
            Instances.CreateIfNotExistsAsync(cancellationToken),
            WorkItems.CreateIfNotExistsAsync(cancellationToken),
            Poison.CreateIfNotExistsAsync(cancellationToken),
            WorkItemQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
            LargeMessages.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
        };
        tasks.AddRange(ControlQueues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>The control queue of an instance: a stable hash, the same in every process.</summary>
    public QueueClient ControlQueueOf(string instanceId)
    {
        // FNV-1a over UTF-8: string.GetHashCode is randomized per process and would scatter one instance's wake-ups.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return ControlQueues[(int)(hash % (uint)ControlQueues.Count)];
    }

    private static void Validate(AzureStorageStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HubName is { } hub && !HubNamePattern().IsMatch(hub))
        {
            throw new ArgumentException($"The hub name '{hub}' is not valid: use 3-45 letters or digits, starting with a letter (it prefixes table, queue and container names).", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString)
            && (options.TableServiceUri is null || options.QueueServiceUri is null || options.BlobServiceUri is null))
        {
            throw new ArgumentException(
                "The Azure Storage store needs a connection string (for example 'UseDevelopmentStorage=true' for Azurite) or all three of TableServiceUri, QueueServiceUri and BlobServiceUri.",
                nameof(options));
        }

        if (options.PartitionCount is < 1 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PartitionCount, "PartitionCount must be between 1 and 16.");
        }

        if (options.LargePayloadThresholdBytes is < 0 or > PayloadStore.MaxInlineBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LargePayloadThresholdBytes, $"LargePayloadThresholdBytes must be between 0 and {PayloadStore.MaxInlineBytes} (a table property holds at most 64 KiB).");
        }

        if (options.ControlQueueBatchSize is < 1 or > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ControlQueueBatchSize, "ControlQueueBatchSize must be between 1 and 32.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    private static partial Regex HubNamePattern();
}
