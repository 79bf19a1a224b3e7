using Azure;
using Azure.Data.Tables;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>
/// Worker operations on activities. A work item is a row in <c>{hub}WorkItems</c> (owner, lease expiry, dequeue
/// count) plus one message in <c>{hub}-workitems</c> that is hidden while the lease runs.
/// </summary>
public sealed partial class AzureStorageOrchestrationStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityWorkItem>> LockActivitiesAsync(string workerId, int max, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<ActivityWorkItem>();
        foreach (var (itemId, expired) in _leases.TakeExpiredActivities(Now(), max))
        {
            var (instanceId, rowKey) = Rows.ParseWorkItemId(itemId);
            if (await TryClaimAsync(workerId, instanceId, rowKey, lease, expired.Receipt, freshReceipt: false, cancellationToken).ConfigureAwait(false) is { } item)
            {
                items.Add(item);
            }
        }

        for (var round = 0; round < 4 && items.Count < max; round++)
        {
            var want = Math.Min(max - items.Count, 32);
            var received = await QueueOperations.ReceiveAsync(_hub.WorkItemQueue, want, lease, cancellationToken).ConfigureAwait(false);
            var claims = new List<Task<ActivityWorkItem?>>(received.Count);
            foreach (var (receipt, text) in received)
            {
                var parts = text.Split('\n');
                if (parts.Length != 2 || !Rows.IsInstanceIdUsable(parts[0]))
                {
                    _logger.MalformedQueueMessage(receipt.Queue.Name, text);
                    await QueueOperations.DeleteAsync(receipt, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                claims.Add(TryClaimAsync(workerId, parts[0], parts[1], lease, receipt, freshReceipt: true, cancellationToken));
            }

            items.AddRange((await Task.WhenAll(claims).ConfigureAwait(false)).OfType<ActivityWorkItem>());
            if (received.Count < want)
            {
                break;
            }
        }

        return items;
    }

    /// <inheritdoc />
    public async Task RenewActivityLocksAsync(string workerId, IReadOnlyList<string> itemIds, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        ArgumentNullException.ThrowIfNull(itemIds);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(itemIds.Select(id => RenewAsync(workerId, id, lease, cancellationToken))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Results are added to the instances' inboxes first (keyed by the work item, so a second delivery of the same
    /// result is a 409 and ignored), then the work items are deleted. Safe to call again with the same results.
    /// </remarks>
    public async Task CompleteActivitiesAsync(IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return;
        }

        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var now = Now();
        var deliveries = new List<TableEntity>(results.Count);
        var keys = new List<(string InstanceId, string RowKey)>(results.Count);
        foreach (var result in results)
        {
            var (instanceId, rowKey) = Rows.ParseWorkItemId(result.WorkItem.Id);
            var request = result.WorkItem.Request;
            keys.Add((instanceId, rowKey));
            var message = new OrchestrationMessage(instanceId, request.ExecutionId, result.Result);
            deliveries.Add(await NewMessageRowAsync(message, Rows.ResultMessageKey(rowKey), now, cancellationToken).ConfigureAwait(false));
            if (result.Poisoned)
            {
                var key = $"a|{rowKey}|{result.WorkItem.DequeueCount}";
                var record = new TableEntity(instanceId, key)
                {
                    [Rows.Kind] = "activity",
                    [Rows.Name] = request.Name,
                    [Rows.DequeueCount] = result.WorkItem.DequeueCount,
                    [Rows.Reason] = result.Result.Failure?.ErrorMessage ?? "poisoned",
                    [Rows.RecordedAt] = Rows.ToOffset(now),
                };
                await _payloads.SetAsync(record, Rows.Payload, request.Input, $"{instanceId}/poison-{key}", cancellationToken).ConfigureAwait(false);
                await _hub.Poison.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
        }

        await DeliverAsync(deliveries, cancellationToken).ConfigureAwait(false);
        await TableBatches.DeleteIgnoringMissingAsync(_hub.WorkItems, keys, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(results
            .Select(r => _leases.ReleaseActivity(r.WorkItem.Id))
            .OfType<QueueReceipt>()
            .Select(receipt => QueueOperations.DeleteAsync(receipt, cancellationToken))).ConfigureAwait(false);
        OrchestrationSignal.Set();
    }

    /// <inheritdoc />
    public async Task ReleaseActivityAsync(string workerId, string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        ArgumentNullException.ThrowIfNull(itemId);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var (instanceId, rowKey) = Rows.ParseWorkItemId(itemId);
        var receipt = _leases.ReleaseActivity(itemId);
        var found = await _hub.WorkItems.GetEntityIfExistsAsync<TableEntity>(instanceId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value is not { } row || row.GetString(Rows.LockedBy) != workerId)
        {
            return;
        }

        row[Rows.LockedBy] = string.Empty;
        row[Rows.LockedUntil] = Rows.NoLock;
        try
        {
            await _hub.WorkItems.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return;
        }

        if (receipt is null || await QueueOperations.HideAsync(receipt, TimeSpan.Zero, cancellationToken).ConfigureAwait(false) is null)
        {
            await QueueOperations.SendAsync(_hub.WorkItemQueue, WorkMessage(instanceId, rowKey), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        ActivitySignal.Set();
    }

    /// <summary>Adds work item rows (already present: written by an earlier try of the same step) and their messages.</summary>
    private async Task ScheduleActivitiesAsync(IReadOnlyList<ActivityRequest> activities, long version, CancellationToken cancellationToken)
    {
        if (activities.Count == 0)
        {
            return;
        }

        var rows = new List<TableEntity>(activities.Count);
        foreach (var activity in activities)
        {
            Rows.RequireUsableInstanceId(activity.InstanceId);
            var key = Rows.WorkItemKey(activity.ExecutionId, activity.TaskId, version);
            var row = new TableEntity(activity.InstanceId, key)
            {
                [Rows.ExecutionId] = activity.ExecutionId,
                [Rows.TaskId] = activity.TaskId,
                [Rows.Name] = activity.Name,
                [Rows.LockedBy] = string.Empty,
                [Rows.LockedUntil] = Rows.NoLock,
                [Rows.DequeueCount] = 0,
            };
            await _payloads.SetAsync(row, Rows.Input, activity.Input, $"{activity.InstanceId}/w-{key}", cancellationToken).ConfigureAwait(false);
            rows.Add(row);
        }

        await TableBatches.AddIgnoringExistingAsync(_hub.WorkItems, rows, cancellationToken).ConfigureAwait(false);

        // A message is sent even for a row that already existed: the earlier try may have died before sending one.
        // Extra messages are harmless: whoever receives one finds the row taken or gone.
        await Task.WhenAll(rows.Select(r => QueueOperations.SendAsync(_hub.WorkItemQueue, WorkMessage(r.PartitionKey, r.RowKey), TimeSpan.Zero, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Takes a work item whose lease is free; null when it is gone or someone else holds it.</summary>
    private async Task<ActivityWorkItem?> TryClaimAsync(string workerId, string instanceId, string rowKey, TimeSpan lease, QueueReceipt? receipt, bool freshReceipt, CancellationToken cancellationToken)
    {
        try
        {
            return await ClaimAsync(workerId, instanceId, rowKey, lease, receipt, freshReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.TakeFailed(ex, "work item", Rows.WorkItemId(instanceId, rowKey));
            return null;
        }
    }

    private async Task<ActivityWorkItem?> ClaimAsync(string workerId, string instanceId, string rowKey, TimeSpan lease, QueueReceipt? receipt, bool freshReceipt, CancellationToken cancellationToken)
    {
        var found = await _hub.WorkItems.GetEntityIfExistsAsync<TableEntity>(instanceId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value is not { } row)
        {
            if (receipt is not null)
            {
                await QueueOperations.DeleteAsync(receipt, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        var now = Now();
        var lockedUntil = row.GetTime(Rows.LockedUntil);
        if (lockedUntil > now)
        {
            if (receipt is not null && freshReceipt)
            {
                await QueueOperations.HideAsync(receipt, lockedUntil - now, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        var until = now + lease;
        var dequeueCount = (row.GetInt32(Rows.DequeueCount) ?? 0) + 1;
        row[Rows.LockedBy] = workerId;
        row[Rows.LockedUntil] = Rows.ToOffset(until);
        row[Rows.DequeueCount] = dequeueCount;
        try
        {
            await _hub.WorkItems.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            if (receipt is not null && freshReceipt)
            {
                await QueueOperations.HideAsync(receipt, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        // The message stays hidden for the lease, so another process finds the item again only if this lease lapses.
        var backing = freshReceipt ? receipt : null;
        if (!freshReceipt && receipt is not null)
        {
            backing = await QueueOperations.HideAsync(receipt, lease, cancellationToken).ConfigureAwait(false);
        }

        backing ??= (await QueueOperations.SendAsync(_hub.WorkItemQueue, WorkMessage(instanceId, rowKey), lease, cancellationToken).ConfigureAwait(false)).Receipt;
        var itemId = Rows.WorkItemId(instanceId, rowKey);
        _leases.HoldActivity(itemId, new Lease(workerId, until, backing));
        var request = new ActivityRequest(
            instanceId,
            row.GetString(Rows.ExecutionId) ?? string.Empty,
            row.GetInt32(Rows.TaskId) ?? -1,
            row.GetString(Rows.Name) ?? string.Empty,
            await _payloads.GetAsync(row, Rows.Input, cancellationToken).ConfigureAwait(false));
        return new ActivityWorkItem(itemId, request, dequeueCount, until);
    }

    private async Task RenewAsync(string workerId, string itemId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var (instanceId, rowKey) = Rows.ParseWorkItemId(itemId);
        var found = await _hub.WorkItems.GetEntityIfExistsAsync<TableEntity>(instanceId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value is not { } row || row.GetString(Rows.LockedBy) != workerId)
        {
            return;
        }

        var until = Now() + lease;
        row[Rows.LockedUntil] = Rows.ToOffset(until);
        try
        {
            await _hub.WorkItems.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return;
        }

        var receipt = _leases.FindActivity(itemId)?.Receipt;
        if (receipt is not null)
        {
            receipt = await QueueOperations.HideAsync(receipt, lease, cancellationToken).ConfigureAwait(false);
        }

        _leases.HoldActivity(itemId, new Lease(workerId, until, receipt));
    }

    /// <summary>
    /// Deletes the work items of a finished execution that no worker holds (only that execution's: by now the id may
    /// already have been started again).
    /// </summary>
    private async Task DeleteIdleWorkItemsAsync(string instanceId, string executionId, CancellationToken cancellationToken)
    {
        var now = Now();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and ExecutionId eq {executionId}");
        await foreach (var row in _hub.WorkItems.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", Rows.LockedUntil], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetTime(Rows.LockedUntil) <= now)
            {
                try
                {
                    await _hub.WorkItems.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                }
            }
        }
    }

    private static string WorkMessage(string instanceId, string rowKey) => instanceId + "\n" + rowKey;
}
