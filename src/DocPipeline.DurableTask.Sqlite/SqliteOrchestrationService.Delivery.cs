using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>
/// The worker's in-memory view of pending work. The file is the truth; the worker loads it at start, then learns of
/// new work from the commits that create it (its own steps and client calls) and, for work written by other
/// processes, from a safety-net poll of rows marked <c>pickup = 1</c>.
/// </summary>
public sealed partial class SqliteOrchestrationService
{
    private readonly PriorityQueue<PendingMessage, long> _timers = new();
    private readonly SemaphoreSlim _timerSignal = new(0);

    /// <summary>When a message becomes visible: timers at their fire time, scheduled starts at their start time.</summary>
    private static long VisibleAt(TaskMessage message) => message.Event switch
    {
        TimerFiredEvent timer => ToUnixMs(timer.FireAt),
        ExecutionStartedEvent { ScheduledStartTime: { } start } => ToUnixMs(start),
        _ => 0,
    };

    /// <summary>Hands a committed orchestration message to its instance (or to the timer queue); writer thread or timer loop.</summary>
    private void Deliver(PendingMessage message)
    {
        if (!_started)
        {
            return;
        }

        lock (_sync)
        {
            if (message.VisibleAt > NowMs())
            {
                var earliest = _timers.TryPeek(out _, out var due) ? due : long.MaxValue;
                _timers.Enqueue(message, message.VisibleAt);
                if (message.VisibleAt < earliest)
                {
                    _timerSignal.Release();
                }

                return;
            }

            AddReady(message);
        }
    }

    private void DeliverActivity(PendingMessage task)
    {
        if (_started)
        {
            _activities.Enqueue(task);
        }
    }

    /// <summary>Adds a visible message to its instance; the caller holds <see cref="_sync"/>.</summary>
    private void AddReady(PendingMessage message)
    {
        if (!_instances.TryGetValue(message.InstanceId, out var entry))
        {
            entry = new InstanceEntry(message.InstanceId);
            _instances.Add(message.InstanceId, entry);
        }

        entry.Ready.Add(message);
        if (entry.Locked)
        {
            entry.SessionWaiter?.TrySetResult(true);
        }
        else if (!entry.Queued)
        {
            entry.Queued = true;
            _readyInstances.Enqueue(entry);
        }
    }

    private async Task TimerLoopAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                TimeSpan wait;
                lock (_sync)
                {
                    var now = NowMs();
                    while (_timers.TryPeek(out var message, out var due) && due <= now)
                    {
                        _timers.Dequeue();
                        AddReady(message);
                    }

                    wait = _timers.TryPeek(out _, out var next) ? TimeSpan.FromMilliseconds(Math.Min(next - now, int.MaxValue - 1)) : Timeout.InfiniteTimeSpan;
                }

                await _timerSignal.WaitAsync(wait, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private async Task PollLoopAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_settings.PollingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    var found = _db.Read(reader =>
                        reader.Scalar("SELECT EXISTS(SELECT 1 FROM messages WHERE pickup = 1) OR EXISTS(SELECT 1 FROM tasks WHERE pickup = 1)") is long and not 0);
                    if (found)
                    {
                        await _db.Writer.WriteAsync(connection => LoadPending(connection, onlyPickup: true), DeliverLoaded).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is SqliteException or IOException)
                {
                    _logger.PollFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void DeliverLoaded((List<PendingMessage> Messages, List<PendingMessage> Tasks) loaded)
    {
        foreach (var message in loaded.Messages)
        {
            Deliver(message);
        }

        foreach (var task in loaded.Tasks)
        {
            DeliverActivity(task);
        }
    }

    private (List<PendingMessage> Messages, List<PendingMessage> Tasks) LoadPending(PreparedConnection connection) =>
        LoadPending(connection, onlyPickup: false);

    /// <summary>Reads pending messages (all of them, or those written by other processes) and marks them taken.</summary>
    private (List<PendingMessage> Messages, List<PendingMessage> Tasks) LoadPending(PreparedConnection connection, bool onlyPickup)
    {
        var messages = ReadQueue(connection, "messages", onlyPickup);
        var tasks = ReadQueue(connection, "tasks", onlyPickup);
        connection.Execute("UPDATE messages SET pickup = 0 WHERE pickup = 1");
        connection.Execute("UPDATE tasks SET pickup = 0 WHERE pickup = 1");
        return (messages, tasks);
    }

    private List<PendingMessage> ReadQueue(PreparedConnection connection, string table, bool onlyPickup)
    {
        var rows = new List<(long Id, string InstanceId, string Payload)>();
        var filter = onlyPickup ? " WHERE pickup = 1" : string.Empty;
        using (var reader = connection.Query($"SELECT id, instance_id, payload FROM {table}{filter} ORDER BY id"))
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var result = new List<PendingMessage>(rows.Count);
        foreach (var (id, instanceId, payload) in rows)
        {
            TaskMessage message;
            try
            {
                message = PayloadSerializer.DeserializeMessage(payload);
            }
            catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidCastException)
            {
                // A row nobody can read would block nothing but would never go away: keep it for inspection instead.
                _logger.UnreadableMessage(id, instanceId, ex);
                connection.Execute(
                    "INSERT INTO poison_messages(instance_id, queue, delivery_count, reason, recorded_at, payload) VALUES (@p0, @p1, 0, @p2, @p3, @p4)",
                    instanceId, table, "Unreadable message: " + ex.Message, NowMs(), payload);
                connection.Execute($"DELETE FROM {table} WHERE id = @p0", id);
                continue;
            }

            result.Add(new PendingMessage(id, instanceId, message, VisibleAt(message)));
        }

        return result;
    }
}
