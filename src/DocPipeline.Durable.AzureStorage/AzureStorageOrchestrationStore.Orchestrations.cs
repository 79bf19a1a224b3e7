using Azure;
using Azure.Data.Tables;
using DocPipeline.Durable.Store;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>Worker operations on orchestrations: lock, release.</summary>
public sealed partial class AzureStorageOrchestrationStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Candidates come from leases this process granted that have expired, then from the control queues. At most
    /// 90 messages are returned per instance so the step that consumes them commits in one transaction.
    /// </remarks>
    public async Task<IReadOnlyList<OrchestrationWorkItem>> LockOrchestrationsAsync(string workerId, int maxInstances, int maxMessagesPerInstance, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var perInstance = Math.Clamp(maxMessagesPerInstance, 1, MaxMessagesPerStep);
        var items = new List<OrchestrationWorkItem>();
        var locked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (instanceId, expired) in _leases.TakeExpiredInstances(Now(), maxInstances))
        {
            var item = await TryLockAsync(workerId, instanceId, perInstance, lease, expired.Receipt, freshReceipt: false, cancellationToken).ConfigureAwait(false);
            if (item is not null)
            {
                items.Add(item);
                locked.Add(instanceId);
            }
        }

        if (items.Count >= maxInstances)
        {
            return items;
        }

        var want = Math.Min(maxInstances - items.Count, _controlBatchSize);
        var received = await Task.WhenAll(_hub.ControlQueues.Select(q => QueueOperations.ReceiveAsync(q, want, lease, cancellationToken))).ConfigureAwait(false);
        var candidates = new List<(string InstanceId, QueueReceipt Receipt)>();
        var duplicates = new List<QueueReceipt>();
        var seen = new HashSet<string>(locked, StringComparer.Ordinal);
        foreach (var (receipt, text) in received.SelectMany(r => r))
        {
            if (!Rows.IsInstanceIdUsable(text))
            {
                _logger.MalformedQueueMessage(receipt.Queue.Name, text);
                duplicates.Add(receipt);
            }
            else if (seen.Add(text))
            {
                candidates.Add((text, receipt));
            }
            else
            {
                // One wake-up per instance is enough; the lock holder's own wake-up covers the rest.
                duplicates.Add(receipt);
            }
        }

        var cleanup = Task.WhenAll(duplicates.Select(d => QueueOperations.DeleteAsync(d, cancellationToken)));
        var next = 0;
        while (next < candidates.Count && items.Count < maxInstances)
        {
            var wave = candidates.Skip(next).Take(maxInstances - items.Count).ToList();
            next += wave.Count;
            var results = await Task.WhenAll(wave.Select(c => TryLockAsync(workerId, c.InstanceId, perInstance, lease, c.Receipt, freshReceipt: true, cancellationToken))).ConfigureAwait(false);
            items.AddRange(results.OfType<OrchestrationWorkItem>());
        }

        // Wake-ups taken but not looked at go back at once, for this or another worker.
        await Task.WhenAll(candidates.Skip(next).Select(c => QueueOperations.HideAsync(c.Receipt, TimeSpan.Zero, cancellationToken))).ConfigureAwait(false);
        await cleanup.ConfigureAwait(false);
        return items;
    }

    /// <inheritdoc />
    public async Task ReleaseOrchestrationAsync(string workerId, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        ArgumentNullException.ThrowIfNull(instanceId);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var row = await ReadInstanceRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (row is not null && row.GetString(Rows.LockedBy) == workerId)
        {
            row[Rows.LockedBy] = string.Empty;
            row[Rows.LockedUntil] = Rows.NoLock;
            try
            {
                await _hub.Instances.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Someone else changed the instance since: the lock is no longer ours to release.
            }
        }

        await RewakeAsync(instanceId, _leases.ReleaseInstance(instanceId, workerId), cancellationToken).ConfigureAwait(false);
        OrchestrationSignal.Set();
    }

    /// <summary>
    /// Locks one instance if it has deliverable messages and no live lock. Otherwise the wake-up that pointed here is
    /// deleted (nothing to do), or hidden until the lock ends or the next message is due.
    /// </summary>
    private async Task<OrchestrationWorkItem?> TryLockAsync(string workerId, string instanceId, int maxMessages, TimeSpan lease, QueueReceipt? receipt, bool freshReceipt, CancellationToken cancellationToken)
    {
        try
        {
            return await LockAsync(workerId, instanceId, maxMessages, lease, receipt, freshReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One unreadable instance must not cost the others in the batch their locks.
            _logger.TakeFailed(ex, "instance", instanceId);
            if (receipt is not null && freshReceipt)
            {
                try
                {
                    await QueueOperations.HideAsync(receipt, TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
                }
                catch (RequestFailedException)
                {
                    // Left hidden, the wake-up comes back when its visibility timeout (the lease) ends.
                }
            }

            return null;
        }
    }

    private async Task<OrchestrationWorkItem?> LockAsync(string workerId, string instanceId, int maxMessages, TimeSpan lease, QueueReceipt? receipt, bool freshReceipt, CancellationToken cancellationToken)
    {
        var (row, inbox) = await ReadHeadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var now = Now();
        if (row is null)
        {
            await DeleteIfHeldAsync(receipt, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var lockedUntil = row.GetTime(Rows.LockedUntil);
        if (lockedUntil > now)
        {
            if (receipt is not null && freshReceipt)
            {
                await QueueOperations.HideAsync(receipt, lockedUntil - now, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        var status = StatusOf(row);
        var visible = inbox
            .Where(m => IsDeliverable(m, status) && m.GetTime(Rows.VisibleAt) <= now)
            .OrderBy(m => m.GetString(Rows.Order), StringComparer.Ordinal)
            .ThenBy(m => m.RowKey, StringComparer.Ordinal)
            .Take(maxMessages)
            .ToList();
        if (visible.Count == 0)
        {
            await RewakeAsync(instanceId, row, inbox, receipt, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var until = now + lease;
        row[Rows.LockedBy] = workerId;
        row[Rows.LockedUntil] = Rows.ToOffset(until);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, row.ETag) };
        actions.AddRange(visible.Select(m => new TableTransactionAction(
            TableTransactionActionType.UpdateMerge,
            new TableEntity(m.PartitionKey, m.RowKey) { [Rows.DequeueCount] = (m.GetInt32(Rows.DequeueCount) ?? 0) + 1 },
            ETag.All)));
        if (!await TableBatches.SubmitAsync(_hub.Instances, [], actions, cancellationToken).ConfigureAwait(false))
        {
            if (receipt is not null && freshReceipt)
            {
                await QueueOperations.HideAsync(receipt, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        // The wake-up stays hidden for the lease: if this worker dies, it reappears and another worker takes over.
        var backing = freshReceipt ? receipt : null;
        if (!freshReceipt && receipt is not null)
        {
            backing = await QueueOperations.HideAsync(receipt, lease, cancellationToken).ConfigureAwait(false);
        }

        backing ??= (await QueueOperations.SendAsync(_hub.ControlQueueOf(instanceId), instanceId, lease, cancellationToken).ConfigureAwait(false)).Receipt;
        _leases.HoldInstance(instanceId, new Lease(workerId, until, backing));
        var messages = new List<StoredMessage>(visible.Count);
        foreach (var message in visible)
        {
            messages.Add(await ToStoredMessageAsync(message, (message.GetInt32(Rows.DequeueCount) ?? 0) + 1, cancellationToken).ConfigureAwait(false));
        }

        var metadata = await ToMetadataAsync(row, includePayloads: false, cancellationToken).ConfigureAwait(false);
        return new OrchestrationWorkItem(metadata, messages, until);
    }

    private static Task DeleteIfHeldAsync(QueueReceipt? receipt, CancellationToken cancellationToken) =>
        receipt is null ? Task.CompletedTask : QueueOperations.DeleteAsync(receipt, cancellationToken);
}
