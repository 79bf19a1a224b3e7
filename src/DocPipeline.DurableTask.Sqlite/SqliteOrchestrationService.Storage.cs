using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>Rows: messages, instance rows and their reading; run inside write operations or reads.</summary>
public sealed partial class SqliteOrchestrationService
{
    private const string InstanceColumns =
        "instance_id, execution_id, name, version, status, created_at, updated_at, completed_at, scheduled_start_at, input, output, custom_status, failure, parent, tags, generation";

    private const string UpsertInstance =
        "INSERT INTO instances(" + InstanceColumns + ") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15) "
        + "ON CONFLICT(instance_id) DO UPDATE SET execution_id = excluded.execution_id, name = excluded.name, version = excluded.version, "
        + "status = excluded.status, created_at = excluded.created_at, updated_at = excluded.updated_at, completed_at = excluded.completed_at, "
        + "scheduled_start_at = excluded.scheduled_start_at, input = excluded.input, output = excluded.output, custom_status = excluded.custom_status, "
        + "failure = excluded.failure, parent = excluded.parent, tags = excluded.tags, generation = excluded.generation";

    private readonly Lock _waitSync = new();
    private readonly Dictionary<string, List<TaskCompletionSource<bool>>> _completionWaiters = new(StringComparer.Ordinal);

    /// <summary>Inserts a message; returns what the worker in this process should hold in memory, or null when another process picks it up.</summary>
    private PendingMessage? Insert(PreparedConnection connection, TaskMessage message, bool activity, string? payload = null)
    {
        var instanceId = message.OrchestrationInstance?.InstanceId;
        if (string.IsNullOrEmpty(instanceId))
        {
            throw new ArgumentException("The message has no target instance id.", nameof(message));
        }

        payload ??= PayloadSerializer.SerializeMessage(message);
        var pickup = _started ? 0L : 1L;
        long visibleAt = 0;
        if (activity)
        {
            connection.Execute("INSERT INTO tasks(instance_id, pickup, payload) VALUES (@p0, @p1, @p2)", instanceId, pickup, payload);
        }
        else
        {
            visibleAt = VisibleAt(message);
            connection.Execute(
                "INSERT INTO messages(instance_id, visible_at, pickup, payload) VALUES (@p0, @p1, @p2, @p3)", instanceId, visibleAt, pickup, payload);
        }

        var id = connection.LastInsertRowId();
        if (!activity && message.Event is ExecutionStartedEvent started)
        {
            WritePendingInstance(connection, instanceId, started);
        }

        return pickup == 0 ? new PendingMessage(id, instanceId, message, visibleAt) : null;
    }

    private static void WritePendingInstance(PreparedConnection connection, string instanceId, ExecutionStartedEvent started)
    {
        var now = NowMs();
        connection.Execute(
            UpsertInstance,
            instanceId,
            started.OrchestrationInstance?.ExecutionId ?? string.Empty,
            started.Name ?? string.Empty,
            started.Version,
            (long)OrchestrationStatus.Pending,
            now,
            now,
            null,
            started.ScheduledStartTime is { } start ? ToUnixMs(start) : null,
            started.Input,
            null,
            null,
            null,
            started.ParentInstance is null ? null : PayloadSerializer.ToJson(started.ParentInstance),
            started.Tags is { Count: > 0 } tags ? PayloadSerializer.ToJson(tags) : null,
            (long?)started.Generation);
    }

    /// <summary>Writes the instance row from a step's state: the whole row after a start or rewrite, else only what a step changes.</summary>
    private static void WriteInstance(PreparedConnection connection, OrchestrationState state, bool fullRow)
    {
        var instanceId = state.OrchestrationInstance.InstanceId;
        long? completed = IsTerminal(state.OrchestrationStatus) ? ToUnixMs(state.CompletedTime == default || state.CompletedTime == DateTime.MaxValue ? DateTime.UtcNow : state.CompletedTime) : null;
        var failure = state.FailureDetails is null ? null : PayloadSerializer.ToJson(state.FailureDetails);
        var updated = ToUnixMs(state.LastUpdatedTime == default ? DateTime.UtcNow : state.LastUpdatedTime);
        if (!fullRow)
        {
            var changed = connection.Execute(
                "UPDATE instances SET execution_id = @p1, status = @p2, updated_at = @p3, completed_at = @p4, output = @p5, custom_status = @p6, failure = @p7 WHERE instance_id = @p0",
                instanceId, state.OrchestrationInstance.ExecutionId, (long)state.OrchestrationStatus, updated, completed, state.Output, state.Status, failure);
            if (changed > 0)
            {
                return;
            }
        }

        connection.Execute(
            UpsertInstance,
            instanceId,
            state.OrchestrationInstance.ExecutionId ?? string.Empty,
            state.Name ?? string.Empty,
            state.Version,
            (long)state.OrchestrationStatus,
            ToUnixMs(state.CreatedTime == default ? DateTime.UtcNow : state.CreatedTime),
            updated,
            completed,
            state.ScheduledStartTime is { } start ? ToUnixMs(start) : null,
            state.Input,
            state.Output,
            state.Status,
            failure,
            state.ParentInstance is null ? null : PayloadSerializer.ToJson(state.ParentInstance),
            state.Tags is { Count: > 0 } tags ? PayloadSerializer.ToJson(tags) : null,
            (long?)state.Generation);
    }

    private static OrchestrationState ReadInstance(SqliteDataReader row, bool withInputsAndOutputs = true)
    {
        var failure = row.IsDBNull(12) ? null : PayloadSerializer.FromJson<FailureDetails>(row.GetString(12));
        return new OrchestrationState
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = row.GetString(0), ExecutionId = row.GetString(1) },
            Name = row.GetString(2),
            Version = row.IsDBNull(3) ? null : row.GetString(3),
            OrchestrationStatus = (OrchestrationStatus)row.GetInt64(4),
            CreatedTime = FromUnixMs(row.GetInt64(5)),
            LastUpdatedTime = FromUnixMs(row.GetInt64(6)),
            CompletedTime = row.IsDBNull(7) ? DateTime.MaxValue : FromUnixMs(row.GetInt64(7)),
            ScheduledStartTime = row.IsDBNull(8) ? null : FromUnixMs(row.GetInt64(8)),
            Input = withInputsAndOutputs && !row.IsDBNull(9) ? row.GetString(9) : null,
            Output = withInputsAndOutputs && !row.IsDBNull(10) ? row.GetString(10) : null,
            Status = row.IsDBNull(11) ? null : row.GetString(11),
            FailureDetails = failure,
            ParentInstance = row.IsDBNull(13) ? null : PayloadSerializer.FromJson<ParentInstance>(row.GetString(13)),
            Tags = row.IsDBNull(14) ? null : PayloadSerializer.FromJson<Dictionary<string, string>>(row.GetString(14)),
            Generation = row.IsDBNull(15) ? null : (int)row.GetInt64(15),
        };
    }

    private OrchestrationState? ReadInstance(string instanceId) =>
        _db.Read(reader =>
        {
            using var row = reader.Query($"SELECT {InstanceColumns} FROM instances WHERE instance_id = @p0", instanceId);
            return row.Read() ? ReadInstance(row) : null;
        });

    private void NotifyCompletion(string instanceId)
    {
        List<TaskCompletionSource<bool>>? waiters;
        lock (_waitSync)
        {
            if (!_completionWaiters.Remove(instanceId, out waiters))
            {
                return;
            }
        }

        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(true);
        }
    }

    private TaskCompletionSource<bool> RegisterCompletionWaiter(string instanceId)
    {
        var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitSync)
        {
            if (!_completionWaiters.TryGetValue(instanceId, out var list))
            {
                list = [];
                _completionWaiters.Add(instanceId, list);
            }

            list.RemoveAll(w => w.Task.IsCompleted);
            list.Add(waiter);
        }

        return waiter;
    }

    /// <summary>Moves an instance's messages to <c>poison_messages</c> and fails the instance with a reason naming them.</summary>
    private Task PoisonOrchestrationAsync(InstanceEntry entry, List<PendingMessage> messages, int deliveries)
    {
        var instanceId = entry.InstanceId;
        var reason =
            $"The orchestration message(s) of instance '{instanceId}' were delivered {deliveries} times without being processed "
            + $"(max delivery count {_settings.MaxDeliveryCount}); they were moved to the poison_messages table of '{_db.FilePath}' for inspection.";
        _logger.PoisonMessage(instanceId, deliveries, reason);
        var failure = new FailureDetails("PoisonMessage", reason, null, null, true);
        return _db.Writer.WriteAsync(
            connection =>
            {
                foreach (var message in messages)
                {
                    connection.Execute(
                        "INSERT INTO poison_messages(instance_id, queue, delivery_count, reason, recorded_at, payload) VALUES (@p0, 'orchestration', @p1, @p2, @p3, @p4)",
                        instanceId, (long)message.Deliveries, reason, NowMs(), PayloadSerializer.SerializeMessage(message.Message));
                    connection.Execute("DELETE FROM messages WHERE id = @p0", message.Id);
                }

                var next = connection.Scalar("SELECT COALESCE(MAX(seq) + 1, 0) FROM history WHERE instance_id = @p0", instanceId) is long n ? n : 0;
                if (next > 0)
                {
                    var executionId = connection.Scalar("SELECT execution_id FROM history WHERE instance_id = @p0 AND seq = 0", instanceId) as string ?? string.Empty;
                    var completed = new ExecutionCompletedEvent(-1, null, OrchestrationStatus.Failed, failure);
                    connection.Execute(
                        "INSERT INTO history(instance_id, seq, execution_id, payload) VALUES (@p0, @p1, @p2, @p3)",
                        instanceId, next, executionId, PayloadSerializer.SerializeEvent(completed));
                }

                var now = NowMs();
                connection.Execute(
                    "UPDATE instances SET status = @p1, updated_at = @p2, completed_at = @p2, failure = @p3 WHERE instance_id = @p0",
                    instanceId, (long)OrchestrationStatus.Failed, now, PayloadSerializer.ToJson(failure));
            },
            () =>
            {
                Unlock(entry, []);
                NotifyCompletion(instanceId);
            });
    }
}
