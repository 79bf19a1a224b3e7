using Azure;
using Azure.Data.Tables;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>
/// The scale-out store on Azure Storage (Azurite locally). Layout, with the hub name as prefix:
/// <list type="bullet">
/// <item><c>{hub}Instances</c>: one partition per instance holding the instance row, its history rows and its inbox
/// rows, so a step (history appended, consumed messages removed, instance row updated under an ETag check) is one
/// entity-group transaction.</item>
/// <item><c>{hub}WorkItems</c>: activity work items; <c>{hub}Poison</c>: what kept crashing workers.</item>
/// <item>Queues <c>{hub}-control-NN</c> (by a hash of the instance id) wake whoever should look at an instance, and
/// <c>{hub}-workitems</c> carries one message per work item; the rows stay the truth, so a duplicate or stale queue
/// message is harmless. Container <c>{hub}-largemessages</c> holds payloads over the threshold.</item>
/// </list>
/// Leases live on the rows (owner and expiry, changed under ETag checks) and are judged with this store's clock;
/// the queue message behind each lease stays hidden until the lease ends, so another process finds the work again
/// if the holder dies.
/// </summary>
public sealed partial class AzureStorageOrchestrationStore : IOrchestrationStore
{
    /// <summary>
    /// The most messages handed out for one step, so that deleting them and updating the instance always fit in one
    /// entity-group transaction (100 operations).
    /// </summary>
    private const int MaxMessagesPerStep = 90;

    private readonly TaskHub _hub;
    private readonly PayloadStore _payloads;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LeaseBook _leases = new();
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private readonly int _controlBatchSize;
    private long _order;
    private bool _initialized;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">The connection, hub and limits.</param>
    /// <param name="timeProvider">The clock that judges leases and visibility; defaults to the system clock.</param>
    /// <param name="logger">Receives warnings about best-effort clean-up.</param>
    public AzureStorageOrchestrationStore(AzureStorageStoreOptions options, TimeProvider? timeProvider = null, ILogger<AzureStorageOrchestrationStore>? logger = null)
    {
        _hub = new TaskHub(options);
        _payloads = new PayloadStore(_hub.LargeMessages, options.LargePayloadThresholdBytes);
        _controlBatchSize = options.ControlQueueBatchSize;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Name => "azure";

    /// <summary>The task hub name (the prefix of every table, queue and container).</summary>
    public string HubName => _hub.Name;

    /// <inheritdoc />
    public WorkSignal OrchestrationSignal { get; } = new();

    /// <inheritdoc />
    public WorkSignal ActivitySignal { get; } = new();

    /// <inheritdoc />
    public WorkSignal StatusSignal { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            try
            {
                await _hub.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                throw new InvalidOperationException(
                    $"The Azure Storage task hub '{_hub.Name}' could not be created or opened ({ex.Status} {ex.ErrorCode}): {ex.Message}",
                    ex);
            }

            Volatile.Write(ref _initialized, true);
        }
        finally
        {
            _initLock.Release();
        }
    }

    /// <summary>Deletes every table, queue and container of the hub (for tests and tear-down).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task DeleteTaskHubAsync(CancellationToken cancellationToken = default)
    {
        var tasks = new List<Task>
        {
            _hub.Instances.DeleteAsync(cancellationToken),
            _hub.WorkItems.DeleteAsync(cancellationToken),
            _hub.Poison.DeleteAsync(cancellationToken),
            _hub.WorkItemQueue.DeleteIfExistsAsync(cancellationToken),
            _hub.LargeMessages.DeleteIfExistsAsync(cancellationToken: cancellationToken),
        };
        tasks.AddRange(_hub.ControlQueues.Select(q => q.DeleteIfExistsAsync(cancellationToken)));
        await Task.WhenAll(tasks).ConfigureAwait(false);
        Volatile.Write(ref _initialized, false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // The SDK clients hold no connections of their own; leases this process held expire on their own.
        _initLock.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task EnsureInitializedAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _initialized) ? Task.CompletedTask : InitializeAsync(cancellationToken);

    private DateTime Now() => _time.GetUtcNow().UtcDateTime;

    private string NextOrder(DateTime now) => Rows.NewOrder(now, Interlocked.Increment(ref _order));

    private static OrchestrationRuntimeStatus StatusOf(TableEntity row) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(row.GetString(Rows.RuntimeStatus), out var status) ? status : OrchestrationRuntimeStatus.Unknown;

    private static long VersionOf(TableEntity row) => row.GetInt64(Rows.Version) ?? 0;

    private static int GenerationOf(TableEntity row) => row.GetInt32(Rows.HistoryGeneration) ?? 0;

    private async Task<TableEntity?> ReadInstanceRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await _hub.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, Rows.InstanceKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Reads an instance row and its inbox rows (not its history) in one query.</summary>
    private async Task<(TableEntity? Instance, List<TableEntity> Inbox)> ReadHeadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {instanceId} and (RowKey eq {Rows.InstanceKey} or (RowKey ge {Rows.InboxFrom} and RowKey lt {Rows.InboxTo}))");
        TableEntity? instance = null;
        var inbox = new List<TableEntity>();
        await foreach (var row in _hub.Instances.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.Length == 0)
            {
                instance = row;
            }
            else
            {
                inbox.Add(row);
            }
        }

        return (instance, inbox);
    }

    private async Task<OrchestrationMetadata> ToMetadataAsync(TableEntity row, bool includePayloads, CancellationToken cancellationToken)
    {
        var failure = await _payloads.GetAsync(row, Rows.Failure, cancellationToken).ConfigureAwait(false);
        return new OrchestrationMetadata
        {
            InstanceId = row.PartitionKey,
            Name = row.GetString(Rows.Name) ?? string.Empty,
            ExecutionId = row.GetString(Rows.ExecutionId) ?? string.Empty,
            RuntimeStatus = StatusOf(row),
            CreatedAt = row.GetTime(Rows.CreatedAt),
            LastUpdatedAt = row.GetTime(Rows.LastUpdatedAt),
            CompletedAt = row.GetOptionalTime(Rows.CompletedAt),
            SerializedCustomStatus = await _payloads.GetAsync(row, Rows.CustomStatus, cancellationToken).ConfigureAwait(false),
            FailureDetails = HistoryJson.DeserializeFailure(failure),
            ParentInstanceId = row.GetString(Rows.ParentInstanceId),
            Version = VersionOf(row),
            SerializedInput = includePayloads ? await _payloads.GetAsync(row, Rows.Input, cancellationToken).ConfigureAwait(false) : null,
            SerializedOutput = includePayloads ? await _payloads.GetAsync(row, Rows.Output, cancellationToken).ConfigureAwait(false) : null,
        };
    }

    private async Task<TableEntity> NewMessageRowAsync(OrchestrationMessage message, string rowKey, DateTime now, CancellationToken cancellationToken)
    {
        var row = new TableEntity(message.InstanceId, rowKey)
        {
            [Rows.EventType] = message.Event.EventType.ToString(),
            [Rows.VisibleAt] = Rows.ToOffset(message.VisibleAt is { } at && at > now ? at : now),
            [Rows.Order] = NextOrder(now),
            [Rows.DequeueCount] = 0,
        };
        if (message.ExecutionId is not null)
        {
            row[Rows.ExecutionId] = message.ExecutionId;
        }

        await _payloads.SetAsync(row, Rows.Event, HistoryJson.Serialize(message.Event), message.InstanceId + "/" + rowKey, cancellationToken).ConfigureAwait(false);
        return row;
    }

    private async Task<StoredMessage> ToStoredMessageAsync(TableEntity row, int dequeueCount, CancellationToken cancellationToken)
    {
        var json = await _payloads.GetAsync(row, Rows.Event, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The message row '{row.PartitionKey}'/'{row.RowKey}' has no event.");
        var message = new OrchestrationMessage(row.PartitionKey, row.GetString(Rows.ExecutionId), HistoryJson.Deserialize(json));
        return new StoredMessage(row.RowKey, message, dequeueCount);
    }

    /// <summary>Whether a message may be delivered to an instance in <paramref name="status"/>.</summary>
    private static bool IsDeliverable(TableEntity message, OrchestrationRuntimeStatus status) =>
        status != OrchestrationRuntimeStatus.Suspended
        || message.GetString(Rows.EventType) is nameof(HistoryEventType.ExecutionResumed) or nameof(HistoryEventType.ExecutionTerminated);

    /// <summary>When the earliest deliverable message of an instance becomes visible; null when there is none.</summary>
    private static DateTime? NextDeliverable(TableEntity? instance, List<TableEntity> inbox)
    {
        if (instance is null)
        {
            return null;
        }

        var status = StatusOf(instance);
        DateTime? next = null;
        foreach (var message in inbox)
        {
            if (IsDeliverable(message, status))
            {
                var at = message.GetTime(Rows.VisibleAt);
                if (next is null || at < next)
                {
                    next = at;
                }
            }
        }

        return next;
    }

    /// <summary>Sends a wake-up for an instance that becomes visible at <paramref name="visibleAt"/>.</summary>
    private async Task<QueueReceipt> WakeAsync(string instanceId, DateTime visibleAt, CancellationToken cancellationToken)
    {
        var now = Now();
        var (receipt, delay) = await QueueOperations.SendAsync(_hub.ControlQueueOf(instanceId), instanceId, visibleAt - now, cancellationToken).ConfigureAwait(false);
        if (delay > TimeSpan.Zero)
        {
            _leases.ScheduleWakeUp(now + delay);
        }

        return receipt;
    }

    /// <summary>
    /// After an instance's lock is released: if it still has deliverable messages, makes sure one wake-up shows when
    /// the earliest is due (reusing the message that backed the lock); otherwise deletes that message. Messages that
    /// arrived during the step were woken while the lock was held and set aside; this picks them up. Work that is
    /// due at once also wakes this process's dispatcher.
    /// </summary>
    private async Task RewakeAsync(string instanceId, QueueReceipt? backing, CancellationToken cancellationToken)
    {
        var (instance, inbox) = await ReadHeadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        await RewakeAsync(instanceId, instance, inbox, backing, cancellationToken).ConfigureAwait(false);
    }

    private async Task RewakeAsync(string instanceId, TableEntity? instance, List<TableEntity> inbox, QueueReceipt? backing, CancellationToken cancellationToken)
    {
        if (NextDeliverable(instance, inbox) is not { } next)
        {
            if (backing is not null)
            {
                await QueueOperations.DeleteAsync(backing, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var now = Now();
        var delay = QueueOperations.ToVisibility(next - now);
        if (backing is null || await QueueOperations.HideAsync(backing, delay, cancellationToken).ConfigureAwait(false) is null)
        {
            await WakeAsync(instanceId, next, cancellationToken).ConfigureAwait(false);
        }
        else if (delay > TimeSpan.Zero)
        {
            _leases.ScheduleWakeUp(now + delay);
        }

        if (delay == TimeSpan.Zero)
        {
            OrchestrationSignal.Set();
        }
    }

    private async Task BestEffortAsync(string operation, string instanceId, Func<Task> cleanup)
    {
        try
        {
            await cleanup().ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            _logger.CleanupFailed(ex, operation, instanceId);
        }
    }

    private static TableTransactionAction Delete(string partitionKey, string rowKey) =>
        new(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ETag.All);
}
