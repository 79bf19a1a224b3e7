using System.Globalization;
using System.Text;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;
using Microsoft.Data.Sqlite;

namespace DocPipeline.Durable.Sqlite;

/// <summary>Client operations: create, message, read, query, purge, rewind.</summary>
public sealed partial class SqliteOrchestrationStore
{
    private const string InstanceColumns =
        "instance_id, execution_id, name, status, created_at, updated_at, completed_at, custom_status, failure, parent_instance_id, version";

    /// <inheritdoc />
    /// <remarks>
    /// Concurrent starts are committed together: whoever takes the write lock commits every start queued by then, each
    /// in its own savepoint, so a burst of uploads costs one transaction instead of one each.
    /// </remarks>
    public async Task CreateInstanceAsync(NewInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(dedupeStatuses);
        var pending = new PendingCreate(instance, dedupeStatuses);
        _pendingCreates.Enqueue(pending);
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.EnterAsync(client: true, CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!pending.Done.Task.IsCompleted)
            {
                await CommitPendingCreatesAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _writeLock.Exit();
        }

        await pending.Done.Task.ConfigureAwait(false);
        OrchestrationSignal.Set();
        StatusSignal.Set();
    }

    /// <summary>Commits every queued start in one transaction; the caller holds the write lock.</summary>
    private async Task CommitPendingCreatesAsync()
    {
        var batch = new List<PendingCreate>();
        while (batch.Count < 500 && _pendingCreates.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        var outcomes = new Exception?[batch.Count];
        try
        {
            var connection = _writer!;
            await using (var tx = connection.BeginTransaction(deferred: false))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    await ExecuteAsync(connection, tx, "SAVEPOINT start", CancellationToken.None).ConfigureAwait(false);
                    try
                    {
                        await CreateOneAsync(connection, tx, batch[i].Instance, batch[i].DedupeStatuses).ConfigureAwait(false);
                        await ExecuteAsync(connection, tx, "RELEASE start", CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is OrchestrationAlreadyExistsException or SqliteException)
                    {
                        await ExecuteAsync(connection, tx, "ROLLBACK TO start; RELEASE start", CancellationToken.None).ConfigureAwait(false);
                        outcomes[i] = ex;
                    }
                }

                await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            foreach (var item in batch)
            {
                item.Done.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } error)
            {
                batch[i].Done.TrySetException(error);
            }
            else
            {
                batch[i].Done.TrySetResult();
            }
        }
    }

    private async Task CreateOneAsync(SqliteConnection connection, SqliteTransaction tx, NewInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses)
    {
        var check = Command(connection, tx, "SELECT status FROM instances WHERE instance_id = $id");
        check.Parameters.AddWithValue("$id", instance.InstanceId);
        if (await check.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false) is long existing)
        {
            var status = (OrchestrationRuntimeStatus)existing;
            if (dedupeStatuses.Contains(status))
            {
                throw new OrchestrationAlreadyExistsException(instance.InstanceId, status);
            }

            await DeleteInstanceDataAsync(connection, tx, instance.InstanceId, CancellationToken.None).ConfigureAwait(false);
        }

        await InsertInstanceAsync(connection, tx, instance, CancellationToken.None).ConfigureAwait(false);
    }

    private sealed class PendingCreate(NewInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses)
    {
        public NewInstance Instance { get; } = instance;

        public IReadOnlyCollection<OrchestrationRuntimeStatus> DedupeStatuses { get; } = dedupeStatuses;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <inheritdoc />
    public async Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        await WriteAsync(
            async (connection, tx) =>
            {
                await InsertMessagesAsync(connection, tx, messages, Now(), cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken, client: true).ConfigureAwait(false);
        OrchestrationSignal.Set();
    }

    /// <inheritdoc />
    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return ReadAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                var payloads = includePayloads ? ", input, output" : string.Empty;
                command.CommandText = $"SELECT {InstanceColumns}{payloads} FROM instances WHERE instance_id = $id";
                command.Parameters.AddWithValue("$id", instanceId);
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadInstance(reader, includePayloads) : null;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return ReadAsync(connection => LoadHistoryAsync(connection, null, instanceId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = Math.Clamp(query.PageSize, 1, 1000);
        return ReadAsync(
            async connection =>
            {
                using var command = connection.CreateCommand();
                var sql = new StringBuilder("SELECT ").Append(InstanceColumns);
                if (query.FetchInputsAndOutputs)
                {
                    sql.Append(", input, output");
                }

                sql.Append(" FROM instances WHERE 1 = 1");
                AppendFilters(sql, command, query.CreatedFrom, query.CreatedTo, query.Statuses);
                if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
                {
                    // A range scan on the primary key instead of LIKE, which would treat '%' and '_' as wildcards.
                    sql.Append(" AND instance_id >= $prefix AND instance_id < $prefixEnd");
                    command.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
                    command.Parameters.AddWithValue("$prefixEnd", query.InstanceIdPrefix + '\uffff');
                }

                if (DecodeToken(query.ContinuationToken) is { } after)
                {
                    sql.Append(" AND instance_id > $after");
                    command.Parameters.AddWithValue("$after", after);
                }

                sql.Append(" ORDER BY instance_id LIMIT $limit");
                command.Parameters.AddWithValue("$limit", pageSize + 1);
                command.CommandText = sql.ToString();
                var list = new List<OrchestrationMetadata>();
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(ReadInstance(reader, query.FetchInputsAndOutputs));
                }

                string? token = null;
                if (list.Count > pageSize)
                {
                    list.RemoveAt(list.Count - 1);
                    token = Convert.ToBase64String(Encoding.UTF8.GetBytes(list[^1].InstanceId));
                }

                return new InstancePage(list, token);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return WriteAsync(
            async (connection, tx) =>
            {
                var deleted = await DeleteInstanceDataAsync(connection, tx, instanceId, cancellationToken).ConfigureAwait(false);
                return deleted > 0;
            },
            cancellationToken, client: true);
    }

    /// <inheritdoc />
    public Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.Statuses is { Count: > 0 } s ? s : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];
        return WriteAsync(
            async (connection, tx) =>
            {
                using var select = connection.CreateCommand();
                select.Transaction = tx;
                var sql = new StringBuilder("SELECT instance_id FROM instances WHERE 1 = 1");
                AppendFilters(sql, select, filter.CreatedFrom, filter.CreatedTo, statuses);
                select.CommandText = sql.ToString();
                var ids = new List<string>();
                using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    await DeleteInstanceDataAsync(connection, tx, id, cancellationToken).ConfigureAwait(false);
                }

                return ids.Count;
            },
            cancellationToken, client: true);
    }

    /// <inheritdoc />
    public async Task<bool> RewindAsync(string instanceId, long expectedVersion, IReadOnlyList<HistoryEvent> history, OrchestrationMessage wakeUp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(wakeUp);
        var done = await WriteAsync(
            async (connection, tx) =>
            {
                var now = Now();
                var update = Command(connection, tx, """
                    UPDATE instances SET status = $running, output = NULL, failure = NULL, completed_at = NULL,
                        updated_at = $now, version = version + 1
                    WHERE instance_id = $id AND version = $version AND status = $failed
                    RETURNING execution_id
                    """);
                update.Parameters.AddWithValue("$running", (int)OrchestrationRuntimeStatus.Running);
                update.Parameters.AddWithValue("$failed", (int)OrchestrationRuntimeStatus.Failed);
                update.Parameters.AddWithValue("$now", now);
                update.Parameters.AddWithValue("$id", instanceId);
                update.Parameters.AddWithValue("$version", expectedVersion);
                if (await update.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string executionId)
                {
                    return false;
                }

                await ExecuteAsync(connection, tx, instanceId, "DELETE FROM history WHERE instance_id = $id", cancellationToken).ConfigureAwait(false);
                await InsertHistoryAsync(connection, tx, instanceId, executionId, 0, history, cancellationToken).ConfigureAwait(false);
                await InsertMessagesAsync(connection, tx, [wakeUp], now, cancellationToken).ConfigureAwait(false);
                return true;
            },
            cancellationToken, client: true).ConfigureAwait(false);
        if (done)
        {
            OrchestrationSignal.Set();
            StatusSignal.Set();
        }

        return done;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PoisonRecord>> GetPoisonRecordsAsync(string? instanceId = null, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<PoisonRecord>>(
            async connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT instance_id, kind, name, payload, dequeue_count, reason, recorded_at FROM poison"
                    + (instanceId is null ? string.Empty : " WHERE instance_id = $id") + " ORDER BY id";
                if (instanceId is not null)
                {
                    command.Parameters.AddWithValue("$id", instanceId);
                }

                var list = new List<PoisonRecord>();
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(new PoisonRecord(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.GetInt32(4),
                        reader.GetString(5),
                        FromUnixMs(reader.GetInt64(6))));
                }

                return list;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<DateTime?> GetNextVisibleTimeAsync(CancellationToken cancellationToken = default) =>
        // Asked by the dispatchers whenever they run dry: on the writer connection, whose page cache stays warm.
        WriteAsync(
            async (connection, tx) =>
            {
                // A message behind a live instance lock becomes deliverable when the lock expires.
                var command = Command(connection, tx, """
                    SELECT MIN(t) FROM (
                        SELECT MIN(MAX(m.visible_at, i.locked_until)) AS t FROM inbox m JOIN instances i ON i.instance_id = m.instance_id
                            WHERE i.status <> $suspended OR m.kind IN ($resumed, $terminated)
                        UNION ALL SELECT MIN(visible_at) FROM work)
                    """);
                command.Parameters.AddWithValue("$suspended", (int)OrchestrationRuntimeStatus.Suspended);
                command.Parameters.AddWithValue("$resumed", (int)HistoryEventType.ExecutionResumed);
                command.Parameters.AddWithValue("$terminated", (int)HistoryEventType.ExecutionTerminated);
                var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return value is long ms ? FromUnixMs(ms) : (DateTime?)null;
            },
            cancellationToken);

    private void AppendFilters(StringBuilder sql, SqliteCommand command, DateTime? from, DateTime? to, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses)
    {
        if (from is { } f)
        {
            sql.Append(" AND created_at >= $from");
            command.Parameters.AddWithValue("$from", ToUnixMs(f));
        }

        if (to is { } t)
        {
            sql.Append(" AND created_at <= $to");
            command.Parameters.AddWithValue("$to", ToUnixMs(t));
        }

        if (statuses is { Count: > 0 })
        {
            sql.Append(" AND status IN (").Append(string.Join(",", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)))).Append(')');
        }
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

    private static OrchestrationMetadata ReadInstance(SqliteDataReader reader, bool includePayloads) => new()
    {
        InstanceId = reader.GetString(0),
        ExecutionId = reader.GetString(1),
        Name = reader.GetString(2),
        RuntimeStatus = (OrchestrationRuntimeStatus)reader.GetInt32(3),
        CreatedAt = FromUnixMs(reader.GetInt64(4)),
        LastUpdatedAt = FromUnixMs(reader.GetInt64(5)),
        CompletedAt = reader.IsDBNull(6) ? null : FromUnixMs(reader.GetInt64(6)),
        SerializedCustomStatus = reader.IsDBNull(7) ? null : reader.GetString(7),
        FailureDetails = reader.IsDBNull(8) ? null : HistoryJson.DeserializeFailure(reader.GetString(8)),
        ParentInstanceId = reader.IsDBNull(9) ? null : reader.GetString(9),
        Version = reader.GetInt64(10),
        SerializedInput = includePayloads && !reader.IsDBNull(11) ? reader.GetString(11) : null,
        SerializedOutput = includePayloads && !reader.IsDBNull(12) ? reader.GetString(12) : null,
    };

    private async Task<IReadOnlyList<HistoryEvent>> LoadHistoryAsync(SqliteConnection connection, SqliteTransaction? tx, string instanceId, CancellationToken cancellationToken)
    {
        var command = Command(connection, tx, "SELECT payload FROM history WHERE instance_id = $id ORDER BY seq");
        command.Parameters.AddWithValue("$id", instanceId);
        var list = new List<HistoryEvent>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(HistoryJson.Deserialize(reader.GetString(0)));
        }

        return list;
    }

    private async Task<int> DeleteInstanceDataAsync(SqliteConnection connection, SqliteTransaction tx, string instanceId, CancellationToken cancellationToken)
    {
        var deleted = await ExecuteAsync(connection, tx, instanceId, "DELETE FROM instances WHERE instance_id = $id", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, instanceId, "DELETE FROM history WHERE instance_id = $id", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, instanceId, "DELETE FROM inbox WHERE instance_id = $id", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, tx, instanceId, "DELETE FROM work WHERE instance_id = $id", cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction tx, string instanceId, string sql, CancellationToken cancellationToken)
    {
        var command = Command(connection, tx, sql);
        command.Parameters.AddWithValue("$id", instanceId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertInstanceAsync(SqliteConnection connection, SqliteTransaction tx, NewInstance instance, CancellationToken cancellationToken)
    {
        var insert = Command(connection, tx, """
            INSERT INTO instances (instance_id, execution_id, name, status, input, parent_instance_id, created_at, updated_at, version, locked_until)
            VALUES ($id, $execution, $name, $status, $input, $parent, $created, $created, 0, 0)
            """);
        insert.Parameters.AddWithValue("$id", instance.InstanceId);
        insert.Parameters.AddWithValue("$execution", instance.ExecutionId);
        insert.Parameters.AddWithValue("$name", instance.Name);
        insert.Parameters.AddWithValue("$status", (int)OrchestrationRuntimeStatus.Pending);
        insert.Parameters.AddWithValue("$input", (object?)instance.Input ?? DBNull.Value);
        insert.Parameters.AddWithValue("$parent", (object?)instance.Parent?.InstanceId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$created", ToUnixMs(instance.CreatedAt));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await InsertMessagesAsync(connection, tx, [instance.StartMessage], Now(), cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertMessagesAsync(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<OrchestrationMessage> messages, long now, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var insert = Command(connection, tx, "INSERT INTO inbox (instance_id, execution_id, kind, visible_at, payload) VALUES ($id, $execution, $kind, $visible, $payload)");
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var execution = insert.Parameters.Add("$execution", SqliteType.Text);
        var kind = insert.Parameters.Add("$kind", SqliteType.Integer);
        var visible = insert.Parameters.Add("$visible", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        foreach (var message in messages)
        {
            id.Value = message.InstanceId;
            execution.Value = (object?)message.ExecutionId ?? DBNull.Value;
            kind.Value = (int)message.Event.EventType;
            visible.Value = message.VisibleAt is { } at ? Math.Max(ToUnixMs(at), 0) : now;
            payload.Value = HistoryJson.Serialize(message.Event);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InsertHistoryAsync(SqliteConnection connection, SqliteTransaction tx, string instanceId, string executionId, int offset, IReadOnlyList<HistoryEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var insert = Command(connection, tx, "INSERT INTO history (instance_id, seq, execution_id, payload) VALUES ($id, $seq, $execution, $payload)");
        insert.Parameters.AddWithValue("$id", instanceId);
        insert.Parameters.AddWithValue("$execution", executionId);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        for (var i = 0; i < events.Count; i++)
        {
            seq.Value = offset + i;
            payload.Value = HistoryJson.Serialize(events[i]);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
