using Azure.Data.Tables;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>
/// Committing a step. Order: (1) what goes elsewhere — work items, messages to other instances, sub-orchestrations,
/// poison copies — each keyed by the step's identity so a retry recognises what it already wrote; (2) history rows,
/// upserted (rows past the committed count are ignored by readers); (3) one entity-group transaction in the
/// instance's partition: the instance row under its ETag, the consumed messages removed and messages to itself added.
/// A crash before (3) leaves the step uncommitted: its messages are delivered again, the step is replayed, and what
/// (1) wrote the first time is recognised (409) rather than duplicated.
/// </summary>
public sealed partial class AzureStorageOrchestrationStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<long?>> CommitOrchestrationsAsync(string workerId, IReadOnlyList<OrchestrationCommit> commits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        ArgumentNullException.ThrowIfNull(commits);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        var results = await Task.WhenAll(commits.Select(c => CommitOrReleaseAsync(workerId, c, cancellationToken))).ConfigureAwait(false);
        var committed = commits.Where((_, i) => results[i] is not null).ToList();
        if (committed.Any(c => c.Activities.Count > 0))
        {
            ActivitySignal.Set();
        }

        if (committed.Any(c => c.Messages.Count > 0 || c.NewInstances.Count > 0))
        {
            OrchestrationSignal.Set();
        }

        StatusSignal.Set();
        return results;
    }

    /// <summary>Commits one step; if that fails midway, releases the lock so the step is retried without waiting for the lease.</summary>
    private async Task<long?> CommitOrReleaseAsync(string workerId, OrchestrationCommit commit, CancellationToken cancellationToken)
    {
        try
        {
            return await CommitAsync(workerId, commit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.CommitFailed(ex, commit.WorkItem.InstanceId);
            try
            {
                await ReleaseOrchestrationAsync(workerId, commit.WorkItem.InstanceId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception releaseError) when (releaseError is not OperationCanceledException)
            {
                _logger.CommitFailed(releaseError, commit.WorkItem.InstanceId);
            }

            throw;
        }
    }

    private async Task<long?> CommitAsync(string workerId, OrchestrationCommit commit, CancellationToken cancellationToken)
    {
        var item = commit.WorkItem;
        var instanceId = item.InstanceId;
        var row = await ReadInstanceRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (row is null || VersionOf(row) != item.Instance.Version || row.GetString(Rows.LockedBy) != workerId)
        {
            return null;
        }

        var version = VersionOf(row);
        var consumed = commit.ConsumedMessageIds.Select(id => Delete(instanceId, id)).ToList();
        if (commit.MessagesOnly)
        {
            row[Rows.LockedBy] = string.Empty;
            row[Rows.LockedUntil] = Rows.NoLock;
            var release = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, row.ETag) };
            release.AddRange(consumed.Take(TableBatches.MaxOperations - 1));
            if (!await TableBatches.SubmitAsync(_hub.Instances, [], release, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            await AfterCommitAsync(workerId, commit, GenerationOf(row), cancellationToken).ConfigureAwait(false);
            return version;
        }

        var now = Now();
        var sourceExecution = row.GetString(Rows.ExecutionId) ?? string.Empty;
        var toSelf = new List<TableEntity>();
        var toOthers = new List<TableEntity>();
        for (var i = 0; i < commit.Messages.Count; i++)
        {
            var message = commit.Messages[i];
            Rows.RequireUsableInstanceId(message.InstanceId);
            var key = Rows.StepMessageKey(instanceId, sourceExecution, version, i);
            var messageRow = await NewMessageRowAsync(message, key, now, cancellationToken).ConfigureAwait(false);
            (message.InstanceId == instanceId ? toSelf : toOthers).Add(messageRow);
        }

        for (var i = 0; i < commit.NewInstances.Count; i++)
        {
            if (await CreateChildAsync(commit.NewInstances[i], cancellationToken).ConfigureAwait(false) is { } refusal)
            {
                var key = Rows.StepMessageKey(instanceId, sourceExecution, version, commit.Messages.Count + i);
                var messageRow = await NewMessageRowAsync(refusal, key, now, cancellationToken).ConfigureAwait(false);
                (refusal.InstanceId == instanceId ? toSelf : toOthers).Add(messageRow);
            }
        }

        await SetAsidePoisonAsync(instanceId, commit.PoisonedMessageIds, commit.PoisonReason, now, cancellationToken).ConfigureAwait(false);
        await ScheduleActivitiesAsync(commit.Activities, version, cancellationToken).ConfigureAwait(false);
        await DeliverAsync(toOthers, cancellationToken).ConfigureAwait(false);

        var oldGeneration = GenerationOf(row);
        var generation = commit.ResetHistory ? oldGeneration + 1 : oldGeneration;
        var offset = commit.ResetHistory ? 0 : commit.HistoryOffset;
        var leading = await HistoryActionsAsync(instanceId, generation, offset, commit.NewHistory, cancellationToken).ConfigureAwait(false);
        await UpdateInstanceRowAsync(row, commit, version + 1, generation, offset + commit.NewHistory.Count, now, cancellationToken).ConfigureAwait(false);

        var final = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, row, row.ETag) };
        final.AddRange(consumed.Take(TableBatches.MaxOperations - 1));
        var selfActions = toSelf.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, m)).ToList();
        var selfInFinal = Math.Min(selfActions.Count, TableBatches.MaxOperations - final.Count);
        final.AddRange(selfActions.Take(selfInFinal));

        // Rarely used overflow: messages to itself beyond the batch go first, keyed by the step so a retry overwrites them.
        leading.AddRange(selfActions.Skip(selfInFinal));
        if (!await TableBatches.SubmitAsync(_hub.Instances, leading, final, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await AfterCommitAsync(workerId, commit, generation, cancellationToken).ConfigureAwait(false);
        return version + 1;
    }

    /// <summary>
    /// Housekeeping after a committed step. Failures are logged, not thrown: the step is committed, and without the
    /// wake-up the message that backed the lock reappears when the lease ends, so remaining messages are delivered then.
    /// </summary>
    private async Task AfterCommitAsync(string workerId, OrchestrationCommit commit, int generation, CancellationToken cancellationToken)
    {
        try
        {
            await HousekeepAsync(workerId, commit, generation, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.CleanupFailed(ex, "commit", commit.WorkItem.InstanceId);
        }
    }

    private async Task HousekeepAsync(string workerId, OrchestrationCommit commit, int generation, CancellationToken cancellationToken)
    {
        var instanceId = commit.WorkItem.InstanceId;
        await TableBatches.DeleteIgnoringMissingAsync(_hub.Instances, commit.ConsumedMessageIds.Skip(TableBatches.MaxOperations - 1).Select(id => (instanceId, id)), cancellationToken).ConfigureAwait(false);
        if (commit.ResetHistory && !commit.MessagesOnly)
        {
            await BestEffortAsync("continue-as-new", instanceId, () => DeleteOldHistoryAsync(instanceId, generation, cancellationToken)).ConfigureAwait(false);
        }

        if (commit.Status.IsTerminal() && !commit.MessagesOnly)
        {
            // Work still queued for a finished instance would only produce results nobody reads.
            await BestEffortAsync("completion", instanceId, () => DeleteIdleWorkItemsAsync(instanceId, commit.ExecutionId, cancellationToken)).ConfigureAwait(false);
        }

        if (!commit.KeepLock)
        {
            await RewakeAsync(instanceId, _leases.ReleaseInstance(instanceId, workerId), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task UpdateInstanceRowAsync(TableEntity row, OrchestrationCommit commit, long newVersion, int generation, int historyCount, DateTime now, CancellationToken cancellationToken)
    {
        var id = row.PartitionKey;
        row[Rows.ExecutionId] = commit.ExecutionId;
        row[Rows.RuntimeStatus] = commit.Status.ToString();
        row[Rows.LastUpdatedAt] = Rows.ToOffset(now);
        row[Rows.Version] = newVersion;
        row[Rows.HistoryGeneration] = generation;
        row[Rows.HistoryCount] = historyCount;
        if (commit.Status.IsTerminal())
        {
            row[Rows.CompletedAt] = Rows.ToOffset(now);
        }
        else
        {
            row.Remove(Rows.CompletedAt);
        }

        await _payloads.SetAsync(row, Rows.Output, commit.Output, $"{id}/output-{newVersion}", cancellationToken).ConfigureAwait(false);
        await _payloads.SetAsync(row, Rows.Failure, HistoryJson.Serialize(commit.Failure), $"{id}/failure-{newVersion}", cancellationToken).ConfigureAwait(false);
        if (commit.CustomStatusChanged)
        {
            await _payloads.SetAsync(row, Rows.CustomStatus, commit.CustomStatus, $"{id}/custom-{newVersion}", cancellationToken).ConfigureAwait(false);
        }

        if (commit.NewInput is not null || commit.ResetHistory)
        {
            await _payloads.SetAsync(row, Rows.Input, commit.NewInput, $"{id}/input-{generation}", cancellationToken).ConfigureAwait(false);
        }

        if (!commit.KeepLock)
        {
            row[Rows.LockedBy] = string.Empty;
            row[Rows.LockedUntil] = Rows.NoLock;
        }
    }

    /// <summary>
    /// Creates a sub-orchestration. Returns a failure message for the parent when another instance with that id is
    /// still running; a running child that this same call created on an earlier try is left as it is.
    /// </summary>
    private async Task<OrchestrationMessage?> CreateChildAsync(NewInstance child, CancellationToken cancellationToken)
    {
        Rows.RequireUsableInstanceId(child.InstanceId);
        var parent = child.Parent ?? throw new ArgumentException($"Sub-orchestration '{child.InstanceId}' has no parent.", nameof(child));
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var (existing, inbox) = await ReadHeadAsync(child.InstanceId, cancellationToken).ConfigureAwait(false);
            if (existing is not null && StatusOf(existing).IsActive())
            {
                var sameCall = existing.GetString(Rows.ParentInstanceId) == parent.InstanceId
                    && existing.GetString(Rows.ParentExecutionId) == parent.ExecutionId
                    && existing.GetInt32(Rows.ParentTaskId) == parent.TaskScheduledId;
                if (sameCall)
                {
                    return null;
                }

                // The parent is told through a failed result rather than by corrupting a running instance.
                return new OrchestrationMessage(parent.InstanceId, parent.ExecutionId, new HistoryEvent
                {
                    EventType = HistoryEventType.SubOrchestrationInstanceFailed,
                    TaskScheduledId = parent.TaskScheduledId,
                    Timestamp = child.CreatedAt,
                    Failure = new TaskFailureDetails(
                        typeof(OrchestrationAlreadyExistsException).FullName!,
                        $"A sub-orchestration with instance id '{child.InstanceId}' is already running.",
                        IsNonRetriable: true),
                });
            }

            if (await TryCreateAsync(child, existing, inbox, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }

        throw new InvalidOperationException($"Sub-orchestration '{child.InstanceId}' kept changing while being created.");
    }

    /// <summary>Copies poisoned messages to the poison table (keyed by message and count, so a retry overwrites).</summary>
    private async Task SetAsidePoisonAsync(string instanceId, IReadOnlyList<string> messageIds, string? reason, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var messageId in messageIds)
        {
            var found = await _hub.Instances.GetEntityIfExistsAsync<TableEntity>(instanceId, messageId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!found.HasValue || found.Value is not { } message)
            {
                continue;
            }

            var count = message.GetInt32(Rows.DequeueCount) ?? 0;
            var key = $"o|{messageId}|{count}";
            var record = new TableEntity(instanceId, key)
            {
                [Rows.Kind] = "orchestration",
                [Rows.Name] = message.GetString(Rows.EventType),
                [Rows.DequeueCount] = count,
                [Rows.Reason] = reason ?? "poisoned",
                [Rows.RecordedAt] = Rows.ToOffset(now),
            };
            await _payloads.SetAsync(record, Rows.Payload, await _payloads.GetAsync(message, Rows.Event, cancellationToken).ConfigureAwait(false), $"{instanceId}/poison-{key}", cancellationToken).ConfigureAwait(false);
            await _hub.Poison.UpsertEntityAsync(record, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }
}
