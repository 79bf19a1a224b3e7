using System.Text;
using Azure.Data.Tables;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>Client operations: create, message, read, query, purge, rewind.</summary>
public sealed partial class AzureStorageOrchestrationStore
{
    private static readonly OrchestrationRuntimeStatus[] TerminalStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    /// <summary>Every instance-row column except the input and output payloads.</summary>
    private static readonly string[] InstanceColumnsWithoutPayloads =
    [
        "PartitionKey", "RowKey", Rows.Name, Rows.ExecutionId, Rows.RuntimeStatus, Rows.CreatedAt, Rows.LastUpdatedAt, Rows.CompletedAt,
        Rows.Version, Rows.ParentInstanceId, Rows.CustomStatus, Rows.CustomStatus + "Blob", Rows.Failure, Rows.Failure + "Blob",
    ];

    /// <inheritdoc />
    public async Task CreateInstanceAsync(NewInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(dedupeStatuses);
        Rows.RequireUsableInstanceId(instance.InstanceId);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var (existing, inbox) = await ReadHeadAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false);
            if (existing is not null && StatusOf(existing) is var status && dedupeStatuses.Contains(status))
            {
                throw new OrchestrationAlreadyExistsException(instance.InstanceId, status);
            }

            if (await TryCreateAsync(instance, existing, inbox, cancellationToken).ConfigureAwait(false))
            {
                break;
            }

            if (attempt >= 4)
            {
                throw new InvalidOperationException($"Instance '{instance.InstanceId}' kept changing while being created; try again.");
            }
        }

        OrchestrationSignal.Set();
        StatusSignal.Set();
    }

    /// <inheritdoc />
    public async Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        foreach (var message in messages)
        {
            Rows.RequireUsableInstanceId(message.InstanceId);
        }

        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var now = Now();
        var rows = new List<TableEntity>(messages.Count);
        foreach (var message in messages)
        {
            rows.Add(await NewMessageRowAsync(message, Rows.NewMessageKey(), now, cancellationToken).ConfigureAwait(false));
        }

        await DeliverAsync(rows, cancellationToken).ConfigureAwait(false);
        OrchestrationSignal.Set();
    }

    /// <inheritdoc />
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (!Rows.IsInstanceIdUsable(instanceId))
        {
            return null;
        }

        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var row = await ReadInstanceRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await ToMetadataAsync(row, includePayloads, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (!Rows.IsInstanceIdUsable(instanceId))
        {
            return [];
        }

        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var row = await ReadInstanceRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return [];
        }

        // Rows past the committed count are left over from a step that never committed; readers ignore them.
        var generation = GenerationOf(row);
        var count = row.GetInt32(Rows.HistoryCount) ?? 0;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {instanceId} and RowKey ge {Rows.HistoryFrom(generation)} and RowKey lt {Rows.HistoryKey(generation, count)}");
        var history = new List<HistoryEvent>(count);
        await foreach (var entity in _hub.Instances.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var json = await _payloads.GetAsync(entity, Rows.Event, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The history row '{entity.PartitionKey}'/'{entity.RowKey}' has no event.");
            history.Add(HistoryJson.Deserialize(json));
        }

        return history;
    }

    /// <inheritdoc />
    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        var after = DecodeToken(query.ContinuationToken);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var filter = InstanceFilter(query.CreatedFrom, query.CreatedTo, query.Statuses, query.InstanceIdPrefix, after);
        var select = query.FetchInputsAndOutputs ? null : InstanceColumnsWithoutPayloads;
        var list = new List<OrchestrationMetadata>(pageSize + 1);
        await foreach (var row in _hub.Instances.QueryAsync<TableEntity>(filter, pageSize + 1, select, cancellationToken).ConfigureAwait(false))
        {
            if (query.InstanceIdPrefix is { } prefix && !row.PartitionKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            list.Add(await ToMetadataAsync(row, query.FetchInputsAndOutputs, cancellationToken).ConfigureAwait(false));
            if (list.Count > pageSize)
            {
                break;
            }
        }

        string? token = null;
        if (list.Count > pageSize)
        {
            list.RemoveAt(list.Count - 1);
            token = Convert.ToBase64String(Encoding.UTF8.GetBytes(list[^1].InstanceId));
        }

        return new InstancePage(list, token);
    }

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (!Rows.IsInstanceIdUsable(instanceId))
        {
            return false;
        }

        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var existed = await ReadInstanceRowAsync(instanceId, cancellationToken).ConfigureAwait(false) is not null;
        await DeleteInstanceDataAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (existed)
        {
            StatusSignal.Set();
        }

        return existed;
    }

    /// <inheritdoc />
    public async Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var statuses = filter.Statuses is { Count: > 0 } s ? s : TerminalStatuses;
        var query = InstanceFilter(filter.CreatedFrom, filter.CreatedTo, statuses, null, null);
        var ids = new List<string>();
        await foreach (var row in _hub.Instances.QueryAsync<TableEntity>(query, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ids.Add(row.PartitionKey);
        }

        foreach (var id in ids)
        {
            await DeleteInstanceDataAsync(id, cancellationToken).ConfigureAwait(false);
        }

        if (ids.Count > 0)
        {
            StatusSignal.Set();
        }

        return ids.Count;
    }

    /// <inheritdoc />
    public async Task<bool> RewindAsync(string instanceId, long expectedVersion, IReadOnlyList<HistoryEvent> history, OrchestrationMessage wakeUp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(wakeUp);
        Rows.RequireUsableInstanceId(instanceId);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var row = await ReadInstanceRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (row is null || VersionOf(row) != expectedVersion || StatusOf(row) != OrchestrationRuntimeStatus.Failed)
        {
            return false;
        }

        var now = Now();
        var oldGeneration = GenerationOf(row);
        var generation = oldGeneration + 1;
        var leading = await HistoryActionsAsync(instanceId, generation, 0, history, cancellationToken).ConfigureAwait(false);
        row[Rows.RuntimeStatus] = nameof(OrchestrationRuntimeStatus.Running);
        row[Rows.LastUpdatedAt] = Rows.ToOffset(now);
        row[Rows.Version] = expectedVersion + 1;
        row[Rows.HistoryGeneration] = generation;
        row[Rows.HistoryCount] = history.Count;
        row.Remove(Rows.CompletedAt);
        await _payloads.SetAsync(row, Rows.Output, null, string.Empty, cancellationToken).ConfigureAwait(false);
        await _payloads.SetAsync(row, Rows.Failure, null, string.Empty, cancellationToken).ConfigureAwait(false);
        var message = await NewMessageRowAsync(wakeUp, Rows.NewMessageKey(), now, cancellationToken).ConfigureAwait(false);
        TableTransactionAction[] final =
        [
            new(TableTransactionActionType.UpdateReplace, row, row.ETag),
            new(TableTransactionActionType.Add, message),
        ];
        if (!await TableBatches.SubmitAsync(_hub.Instances, leading, final, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await WakeAsync(instanceId, now, cancellationToken).ConfigureAwait(false);
        await BestEffortAsync("rewind", instanceId, () => DeleteOldHistoryAsync(instanceId, generation, cancellationToken)).ConfigureAwait(false);
        OrchestrationSignal.Set();
        StatusSignal.Set();
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PoisonRecord>> GetPoisonRecordsAsync(string? instanceId = null, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var filter = instanceId is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        var records = new List<(PoisonRecord Record, string Key)>();
        await foreach (var row in _hub.Poison.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var record = new PoisonRecord(
                row.PartitionKey,
                row.GetString(Rows.Kind) ?? string.Empty,
                row.GetString(Rows.Name),
                await _payloads.GetAsync(row, Rows.Payload, cancellationToken).ConfigureAwait(false),
                row.GetInt32(Rows.DequeueCount) ?? 0,
                row.GetString(Rows.Reason) ?? string.Empty,
                row.GetTime(Rows.RecordedAt));
            records.Add((record, row.RowKey));
        }

        return records.OrderBy(r => r.Record.RecordedAt).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Record).ToList();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Approximate, as the contract allows: the earliest wake-up this process scheduled or lease it granted. Work
    /// scheduled by other processes is found by polling.
    /// </remarks>
    public Task<DateTime?> GetNextVisibleTimeAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_leases.NextWakeUp(Now()));

    /// <summary>
    /// Writes an instance row with its start message, replacing <paramref name="existing"/> (ETag-checked) together
    /// with its pending messages, or with rows left behind by deliveries to a purged instance of the same id. False
    /// when someone else created or changed the instance meanwhile.
    /// </summary>
    private async Task<bool> TryCreateAsync(NewInstance instance, TableEntity? existing, List<TableEntity> inbox, CancellationToken cancellationToken)
    {
        var now = Now();
        var id = instance.InstanceId;
        var generation = existing is null ? 0 : GenerationOf(existing) + 1;
        var row = new TableEntity(id, Rows.InstanceKey)
        {
            [Rows.Name] = instance.Name,
            [Rows.ExecutionId] = instance.ExecutionId,
            [Rows.RuntimeStatus] = nameof(OrchestrationRuntimeStatus.Pending),
            [Rows.CreatedAt] = Rows.ToOffset(instance.CreatedAt),
            [Rows.LastUpdatedAt] = Rows.ToOffset(instance.CreatedAt),
            [Rows.Version] = 0L,
            [Rows.LockedBy] = string.Empty,
            [Rows.LockedUntil] = Rows.NoLock,
            [Rows.HistoryGeneration] = generation,
            [Rows.HistoryCount] = 0,
        };
        if (instance.Parent is { } parent)
        {
            row[Rows.ParentInstanceId] = parent.InstanceId;
            row[Rows.ParentExecutionId] = parent.ExecutionId;
            row[Rows.ParentTaskId] = parent.TaskScheduledId;
        }

        await _payloads.SetAsync(row, Rows.Input, instance.Input, $"{id}/input-{generation}", cancellationToken).ConfigureAwait(false);
        var start = await NewMessageRowAsync(instance.StartMessage, Rows.StartMessageKey(instance.ExecutionId), now, cancellationToken).ConfigureAwait(false);
        var final = new List<TableTransactionAction>
        {
            existing is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.ETag),
            new(TableTransactionActionType.UpsertReplace, start),
        };
        var stale = inbox.Where(m => m.RowKey != start.RowKey).Select(m => (m.PartitionKey, m.RowKey)).ToList();

        // Taken before the new execution exists, so clean-up cannot touch work the new execution schedules.
        var oldWork = existing is null ? [] : await TableBatches.ListKeysAsync(_hub.WorkItems, id, null, null, cancellationToken).ConfigureAwait(false);
        var inBatch = Math.Min(stale.Count, TableBatches.MaxOperations - final.Count);
        final.AddRange(stale.Take(inBatch).Select(k => Delete(k.PartitionKey, k.RowKey)));
        if (!await TableBatches.SubmitAsync(_hub.Instances, [], final, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await WakeAsync(id, instance.StartAt is { } at && at > now ? at : now, cancellationToken).ConfigureAwait(false);
        if (existing is not null || stale.Count > inBatch)
        {
            await BestEffortAsync("replace", id, async () =>
            {
                await TableBatches.DeleteIgnoringMissingAsync(_hub.Instances, stale.Skip(inBatch), cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    await DeleteOldHistoryAsync(id, generation, cancellationToken).ConfigureAwait(false);
                    await TableBatches.DeleteIgnoringMissingAsync(_hub.WorkItems, oldWork, cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Adds message rows (a row already present is a duplicate and is ignored) and wakes their instances.</summary>
    private async Task DeliverAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await TableBatches.AddIgnoringExistingAsync(_hub.Instances, rows, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(rows
            .GroupBy(r => r.PartitionKey, StringComparer.Ordinal)
            .Select(g => WakeAsync(g.Key, g.Min(r => r.GetTime(Rows.VisibleAt)), cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Upserts history rows of one generation (harmless if the step then fails: readers stop at the committed count).</summary>
    private async Task<List<TableTransactionAction>> HistoryActionsAsync(string instanceId, int generation, int offset, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var key = Rows.HistoryKey(generation, offset + i);
            var row = new TableEntity(instanceId, key) { [Rows.EventType] = events[i].EventType.ToString() };
            await _payloads.SetAsync(row, Rows.Event, HistoryJson.Serialize(events[i]), instanceId + "/" + key, cancellationToken).ConfigureAwait(false);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }

        return actions;
    }

    /// <summary>Deletes history rows of generations before <paramref name="generation"/>.</summary>
    private async Task DeleteOldHistoryAsync(string instanceId, int generation, CancellationToken cancellationToken)
    {
        var keys = await TableBatches.ListKeysAsync(_hub.Instances, instanceId, "h", Rows.HistoryFrom(generation), cancellationToken).ConfigureAwait(false);
        await TableBatches.DeleteIgnoringMissingAsync(_hub.Instances, keys, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an instance row first (so readers stop seeing it), then everything else it owns.</summary>
    private async Task DeleteInstanceDataAsync(string instanceId, CancellationToken cancellationToken)
    {
        var keys = await TableBatches.ListKeysAsync(_hub.Instances, instanceId, null, null, cancellationToken).ConfigureAwait(false);
        await TableBatches.DeleteIgnoringMissingAsync(_hub.Instances, keys, cancellationToken).ConfigureAwait(false);
        var work = await TableBatches.ListKeysAsync(_hub.WorkItems, instanceId, null, null, cancellationToken).ConfigureAwait(false);
        await TableBatches.DeleteIgnoringMissingAsync(_hub.WorkItems, work, cancellationToken).ConfigureAwait(false);
        await _payloads.DeleteInstanceBlobsAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    private static string InstanceFilter(DateTime? from, DateTime? to, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, string? prefix, string? after)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"RowKey eq {Rows.InstanceKey}") };
        if (from is { } f)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedAt ge {Rows.ToOffset(f)}"));
        }

        if (to is { } t)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedAt le {Rows.ToOffset(t)}"));
        }

        if (statuses is { Count: > 0 })
        {
            parts.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s.ToString()}"))) + ")");
        }

        if (!string.IsNullOrEmpty(prefix))
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix}"));
            if (prefix[^1] < char.MaxValue)
            {
                var upper = prefix[..^1] + (char)(prefix[^1] + 1);
                parts.Add(TableClient.CreateQueryFilter($"PartitionKey lt {upper}"));
            }
        }

        if (after is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey gt {after}"));
        }

        return string.Join(" and ", parts);
    }

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(token), ex);
        }
    }
}
