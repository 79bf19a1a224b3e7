using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;
using Microsoft.Data.Sqlite;

namespace DocPipeline.Durable.Sqlite;

/// <summary>Worker operations: lock, commit and release orchestration and activity work.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<OrchestrationWorkItem>> LockOrchestrationsAsync(string workerId, int maxInstances, int maxMessagesPerInstance, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workerId);
        return WriteAsync<IReadOnlyList<OrchestrationWorkItem>>(
            async (connection, tx) =>
            {
                var now = Now();
                var until = now + (long)lease.TotalMilliseconds;
                var ids = new List<string>();
                {
                    var pick = Command(connection, tx, """
                        SELECT m.instance_id FROM inbox m JOIN instances i ON i.instance_id = m.instance_id
                        WHERE m.visible_at <= $now AND i.locked_until <= $now
                          AND (i.status <> $suspended OR m.kind IN ($resumed, $terminated))
                        GROUP BY m.instance_id ORDER BY MIN(m.id) LIMIT $max
                        """);
                    AddVisibilityParameters(pick, now);
                    pick.Parameters.AddWithValue("$max", maxInstances);
                    using var reader = await pick.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                if (ids.Count == 0)
                {
                    return [];
                }

                var lockInstance = Command(connection, tx, $"UPDATE instances SET locked_by = $worker, locked_until = $until WHERE instance_id = $id RETURNING {InstanceColumns}");
                lockInstance.Parameters.AddWithValue("$worker", workerId);
                lockInstance.Parameters.AddWithValue("$until", until);
                var lockId = lockInstance.Parameters.Add("$id", SqliteType.Text);

                var takeMessages = Command(connection, tx, """
                    UPDATE inbox SET dequeue_count = dequeue_count + 1
                    WHERE id IN (
                        SELECT id FROM inbox WHERE instance_id = $id AND visible_at <= $now
                          AND ($status <> $suspended OR kind IN ($resumed, $terminated))
                        ORDER BY id LIMIT $max)
                    RETURNING id, execution_id, payload, dequeue_count
                    """);
                AddVisibilityParameters(takeMessages, now);
                takeMessages.Parameters.AddWithValue("$max", maxMessagesPerInstance);
                var messageInstance = takeMessages.Parameters.Add("$id", SqliteType.Text);
                var messageStatus = takeMessages.Parameters.Add("$status", SqliteType.Integer);

                var items = new List<OrchestrationWorkItem>(ids.Count);
                foreach (var id in ids)
                {
                    lockId.Value = id;
                    OrchestrationMetadata instance;
                    using (var reader = await lockInstance.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                    {
                        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                        instance = ReadInstance(reader, includePayloads: false);
                    }

                    messageInstance.Value = id;
                    messageStatus.Value = (int)instance.RuntimeStatus;
                    var messages = new List<(long Id, StoredMessage Message)>();
                    using (var reader = await takeMessages.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            var messageId = reader.GetInt64(0);
                            var executionId = reader.IsDBNull(1) ? null : reader.GetString(1);
                            var message = new OrchestrationMessage(id, executionId, HistoryJson.Deserialize(reader.GetString(2)));
                            messages.Add((messageId, new StoredMessage(messageId.ToString(System.Globalization.CultureInfo.InvariantCulture), message, reader.GetInt32(3))));
                        }
                    }

                    messages.Sort((a, b) => a.Id.CompareTo(b.Id));
                    items.Add(new OrchestrationWorkItem(instance, messages.ConvertAll(m => m.Message), FromUnixMs(until)));
                }

                return items;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long?>> CommitOrchestrationsAsync(string workerId, IReadOnlyList<OrchestrationCommit> commits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var sentActivities = false;
        var sentMessages = false;
        var statusChanged = false;
        var results = await WriteAsync<IReadOnlyList<long?>>(
            async (connection, tx) =>
            {
                var now = Now();
                var results = new List<long?>(commits.Count);
                foreach (var commit in commits)
                {
                    await ExecuteAsync(connection, tx, "SAVEPOINT step", cancellationToken).ConfigureAwait(false);
                    var version = await ApplyCommitAsync(connection, tx, workerId, commit, now, cancellationToken).ConfigureAwait(false);
                    if (version is null)
                    {
                        commit.PrelockedActivities.Clear();
                    }

                    await ExecuteAsync(connection, tx, version is null ? "ROLLBACK TO step; RELEASE step" : "RELEASE step", cancellationToken).ConfigureAwait(false);
                    results.Add(version);
                    if (version is not null)
                    {
                        sentActivities |= commit.Activities.Count > commit.PrelockCount;
                        sentMessages |= commit.Messages.Count > 0 || commit.NewInstances.Count > 0;
                        statusChanged |= commit.Status != commit.WorkItem.Instance.RuntimeStatus || commit.CustomStatusChanged;
                    }
                }

                return results;
            },
            cancellationToken).ConfigureAwait(false);

        if (sentActivities)
        {
            ActivitySignal.Set();
        }

        if (sentMessages)
        {
            OrchestrationSignal.Set();
        }

        if (statusChanged)
        {
            // Waiters re-read the instance; waking them for steps that change nothing they can see costs reads.
            StatusSignal.Set();
        }

        return results;
    }

    /// <inheritdoc />
    public Task ReleaseOrchestrationAsync(string workerId, string instanceId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx) =>
            {
                var command = Command(connection, tx, "UPDATE instances SET locked_by = NULL, locked_until = 0 WHERE instance_id = $id AND locked_by = $worker");
                command.Parameters.AddWithValue("$id", instanceId);
                command.Parameters.AddWithValue("$worker", workerId);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ActivityWorkItem>> LockActivitiesAsync(string workerId, int max, TimeSpan lease, CancellationToken cancellationToken = default) =>
        WriteAsync<IReadOnlyList<ActivityWorkItem>>(
            async (connection, tx) =>
            {
                var now = Now();
                var until = now + (long)lease.TotalMilliseconds;
                var command = Command(connection, tx, """
                    UPDATE work SET visible_at = $until, locked_by = $worker, dequeue_count = dequeue_count + 1
                    WHERE id IN (SELECT id FROM work WHERE visible_at <= $now ORDER BY visible_at, id LIMIT $max)
                    RETURNING id, instance_id, execution_id, task_id, name, input, dequeue_count
                    """);
                command.Parameters.AddWithValue("$until", until);
                command.Parameters.AddWithValue("$worker", workerId);
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$max", max);
                var items = new List<ActivityWorkItem>();
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var request = new ActivityRequest(
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetInt32(3),
                        reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5));
                    items.Add(new ActivityWorkItem(reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture), request, reader.GetInt32(6), FromUnixMs(until)));
                }

                items.Sort((a, b) => long.Parse(a.Id, System.Globalization.CultureInfo.InvariantCulture).CompareTo(long.Parse(b.Id, System.Globalization.CultureInfo.InvariantCulture)));
                return items;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task RenewActivityLocksAsync(string workerId, IReadOnlyList<string> itemIds, TimeSpan lease, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx) =>
            {
                var command = Command(connection, tx, "UPDATE work SET visible_at = $until WHERE id = $id AND locked_by = $worker");
                command.Parameters.AddWithValue("$until", Now() + (long)lease.TotalMilliseconds);
                command.Parameters.AddWithValue("$worker", workerId);
                var id = command.Parameters.Add("$id", SqliteType.Integer);
                foreach (var itemId in itemIds)
                {
                    id.Value = long.Parse(itemId, System.Globalization.CultureInfo.InvariantCulture);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                return true;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task CompleteActivitiesAsync(IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return;
        }

        await WriteAsync(
            async (connection, tx) =>
            {
                var now = Now();
                var delete = Command(connection, tx, "DELETE FROM work WHERE id = $id");
                var id = delete.Parameters.Add("$id", SqliteType.Integer);
                var messages = new List<OrchestrationMessage>(results.Count);
                foreach (var result in results)
                {
                    id.Value = long.Parse(result.WorkItem.Id, System.Globalization.CultureInfo.InvariantCulture);
                    await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    var request = result.WorkItem.Request;
                    messages.Add(new OrchestrationMessage(request.InstanceId, request.ExecutionId, result.Result));
                    if (result.Poisoned)
                    {
                        await InsertPoisonAsync(connection, tx, request.InstanceId, "activity", request.Name, request.Input, result.WorkItem.DequeueCount, result.Result.Failure?.ErrorMessage ?? "poisoned", now, cancellationToken).ConfigureAwait(false);
                    }
                }

                await InsertMessagesAsync(connection, tx, messages, now, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        OrchestrationSignal.Set();
    }

    /// <inheritdoc />
    public Task ReleaseActivityAsync(string workerId, string itemId, CancellationToken cancellationToken = default) =>
        WriteAsync(
            async (connection, tx) =>
            {
                var command = Command(connection, tx, "UPDATE work SET visible_at = $now, locked_by = NULL WHERE id = $id AND locked_by = $worker");
                command.Parameters.AddWithValue("$now", Now());
                command.Parameters.AddWithValue("$id", long.Parse(itemId, System.Globalization.CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$worker", workerId);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    private async Task<long?> ApplyCommitAsync(SqliteConnection connection, SqliteTransaction tx, string workerId, OrchestrationCommit commit, long now, CancellationToken cancellationToken)
    {
        var item = commit.WorkItem;
        var instanceId = item.InstanceId;
        var terminal = commit.Status.IsTerminal();
        if (commit.MessagesOnly)
        {
            var release = Command(connection, tx, "UPDATE instances SET locked_by = NULL, locked_until = 0 WHERE instance_id = $id AND version = $version AND locked_by = $worker RETURNING version");
            release.Parameters.AddWithValue("$id", instanceId);
            release.Parameters.AddWithValue("$version", item.Instance.Version);
            release.Parameters.AddWithValue("$worker", workerId);
            if (await release.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long unchangedVersion)
            {
                return null;
            }

            await DeleteMessagesAsync(connection, tx, commit.ConsumedMessageIds, cancellationToken).ConfigureAwait(false);
            return unchangedVersion;
        }

        {
            var update = Command(connection, tx, $"""
                UPDATE instances SET
                    execution_id = $execution, status = $status, updated_at = $now, version = version + 1,
                    output = $output, failure = $failure,
                    completed_at = CASE WHEN $terminal THEN $now ELSE NULL END
                    {(commit.CustomStatusChanged ? ", custom_status = $custom" : string.Empty)}
                    {(commit.NewInput is not null || commit.ResetHistory ? ", input = $input" : string.Empty)}
                    {(commit.KeepLock ? string.Empty : ", locked_by = NULL, locked_until = 0")}
                WHERE instance_id = $id AND version = $version AND locked_by = $worker
                RETURNING version
                """);
            update.Parameters.AddWithValue("$execution", commit.ExecutionId);
            update.Parameters.AddWithValue("$status", (int)commit.Status);
            update.Parameters.AddWithValue("$now", now);
            update.Parameters.AddWithValue("$output", (object?)commit.Output ?? DBNull.Value);
            update.Parameters.AddWithValue("$failure", (object?)HistoryJson.Serialize(commit.Failure) ?? DBNull.Value);
            update.Parameters.AddWithValue("$terminal", terminal);
            update.Parameters.AddWithValue("$custom", (object?)commit.CustomStatus ?? DBNull.Value);
            update.Parameters.AddWithValue("$input", (object?)commit.NewInput ?? DBNull.Value);
            update.Parameters.AddWithValue("$id", instanceId);
            update.Parameters.AddWithValue("$version", item.Instance.Version);
            update.Parameters.AddWithValue("$worker", workerId);
            if (await update.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long newVersion)
            {
                return null;
            }

            if (commit.ResetHistory)
            {
                await ExecuteAsync(connection, tx, instanceId, "DELETE FROM history WHERE instance_id = $id", cancellationToken).ConfigureAwait(false);
            }

            await InsertHistoryAsync(connection, tx, instanceId, commit.ExecutionId, commit.ResetHistory ? 0 : commit.HistoryOffset, commit.NewHistory, cancellationToken).ConfigureAwait(false);

            if (commit.PoisonedMessageIds.Count > 0)
            {
                var poison = Command(connection, tx, """
                    INSERT INTO poison (instance_id, kind, name, payload, dequeue_count, reason, recorded_at)
                    SELECT instance_id, 'orchestration', json_extract(payload, '$.eventType'), payload, dequeue_count, $reason, $now
                    FROM inbox WHERE id IN (SELECT value FROM json_each($ids))
                    """);
                poison.Parameters.AddWithValue("$reason", commit.PoisonReason ?? "poisoned");
                poison.Parameters.AddWithValue("$now", now);
                poison.Parameters.AddWithValue("$ids", ToJsonArray(commit.PoisonedMessageIds));
                await poison.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await DeleteMessagesAsync(connection, tx, commit.ConsumedMessageIds, cancellationToken).ConfigureAwait(false);

            if (terminal)
            {
                // Work still queued for a finished instance would only produce results nobody reads.
                await ExecuteAsync(connection, tx, instanceId, "DELETE FROM work WHERE instance_id = $id AND locked_by IS NULL", cancellationToken).ConfigureAwait(false);
            }

            await InsertWorkAsync(connection, tx, commit, workerId, now, cancellationToken).ConfigureAwait(false);
            await InsertMessagesAsync(connection, tx, commit.Messages, now, cancellationToken).ConfigureAwait(false);
            foreach (var child in commit.NewInstances)
            {
                await CreateChildAsync(connection, tx, child, cancellationToken).ConfigureAwait(false);
            }

            return newVersion;
        }
    }

    private async Task CreateChildAsync(SqliteConnection connection, SqliteTransaction tx, NewInstance child, CancellationToken cancellationToken)
    {
        var check = Command(connection, tx, "SELECT status FROM instances WHERE instance_id = $id");
        check.Parameters.AddWithValue("$id", child.InstanceId);
        if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long existing)
        {
            if (((OrchestrationRuntimeStatus)existing).IsActive())
            {
                // The parent is told through a failed result rather than by corrupting a running instance.
                var failure = new HistoryEvent
                {
                    EventType = HistoryEventType.SubOrchestrationInstanceFailed,
                    TaskScheduledId = child.Parent!.TaskScheduledId,
                    Timestamp = child.CreatedAt,
                    Failure = new TaskFailureDetails(
                        typeof(OrchestrationAlreadyExistsException).FullName!,
                        $"A sub-orchestration with instance id '{child.InstanceId}' is already running.",
                        IsNonRetriable: true),
                };
                await InsertMessagesAsync(connection, tx, [new OrchestrationMessage(child.Parent.InstanceId, child.Parent.ExecutionId, failure)], Now(), cancellationToken).ConfigureAwait(false);
                return;
            }

            await DeleteInstanceDataAsync(connection, tx, child.InstanceId, cancellationToken).ConfigureAwait(false);
        }

        await InsertInstanceAsync(connection, tx, child, cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertWorkAsync(SqliteConnection connection, SqliteTransaction tx, OrchestrationCommit commit, string workerId, long now, CancellationToken cancellationToken)
    {
        var activities = commit.Activities;
        if (activities.Count == 0)
        {
            return;
        }

        var prelockUntil = ToUnixMs(commit.PrelockUntil);
        var insert = Command(connection, tx, """
            INSERT INTO work (instance_id, execution_id, task_id, name, input, visible_at, locked_by, dequeue_count)
            VALUES ($id, $execution, $task, $name, $input, $visible, $worker, $count)
            RETURNING id
            """);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var execution = insert.Parameters.Add("$execution", SqliteType.Text);
        var task = insert.Parameters.Add("$task", SqliteType.Integer);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var input = insert.Parameters.Add("$input", SqliteType.Text);
        var visible = insert.Parameters.Add("$visible", SqliteType.Integer);
        var worker = insert.Parameters.Add("$worker", SqliteType.Text);
        var count = insert.Parameters.Add("$count", SqliteType.Integer);
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            var prelocked = i < commit.PrelockCount;
            id.Value = activity.InstanceId;
            execution.Value = activity.ExecutionId;
            task.Value = activity.TaskId;
            name.Value = activity.Name;
            input.Value = (object?)activity.Input ?? DBNull.Value;
            visible.Value = prelocked ? prelockUntil : now;
            worker.Value = prelocked ? workerId : DBNull.Value;
            count.Value = prelocked ? 1 : 0;
            var workId = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (prelocked)
            {
                commit.PrelockedActivities.Add(new ActivityWorkItem(workId.ToString(System.Globalization.CultureInfo.InvariantCulture), activity, 1, commit.PrelockUntil));
            }
        }
    }

    private async Task InsertPoisonAsync(SqliteConnection connection, SqliteTransaction tx, string instanceId, string kind, string? name, string? payload, int dequeueCount, string reason, long now, CancellationToken cancellationToken)
    {
        var insert = Command(connection, tx, "INSERT INTO poison (instance_id, kind, name, payload, dequeue_count, reason, recorded_at) VALUES ($id, $kind, $name, $payload, $count, $reason, $now)");
        insert.Parameters.AddWithValue("$id", instanceId);
        insert.Parameters.AddWithValue("$kind", kind);
        insert.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        insert.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
        insert.Parameters.AddWithValue("$count", dequeueCount);
        insert.Parameters.AddWithValue("$reason", reason);
        insert.Parameters.AddWithValue("$now", now);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteMessagesAsync(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var delete = Command(connection, tx, "DELETE FROM inbox WHERE id IN (SELECT value FROM json_each($ids))");
        delete.Parameters.AddWithValue("$ids", ToJsonArray(ids));
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private void AddVisibilityParameters(SqliteCommand command, long now)
    {
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$suspended", (int)OrchestrationRuntimeStatus.Suspended);
        command.Parameters.AddWithValue("$resumed", (int)HistoryEventType.ExecutionResumed);
        command.Parameters.AddWithValue("$terminated", (int)HistoryEventType.ExecutionTerminated);
    }

    private static string ToJsonArray(IReadOnlyList<string> ids) => "[" + string.Join(",", ids) + "]";
}
