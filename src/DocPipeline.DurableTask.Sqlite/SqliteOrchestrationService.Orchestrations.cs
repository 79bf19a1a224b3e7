using DurableTask.Core;
using DurableTask.Core.History;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>Orchestration work items: lock, extended sessions, complete (one transaction per step), abandon, release.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc />
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + receiveTimeout;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            var entry = await _readyInstances.DequeueAsync(remaining, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                return null!;
            }

            List<PendingMessage> messages;
            lock (_sync)
            {
                entry.Queued = false;
                if (entry.Locked || entry.Ready.Count == 0)
                {
                    continue;
                }

                entry.Locked = true;
                messages = [.. entry.Ready];
                entry.Ready.Clear();
            }

            SqliteOrchestrationWorkItem? workItem;
            try
            {
                workItem = await CreateWorkItemAsync(entry, messages).ConfigureAwait(false);
            }
            catch
            {
                Unlock(entry, messages);
                throw;
            }

            if (workItem is not null)
            {
                return workItem;
            }
        }
    }

    /// <inheritdoc />
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Task.CompletedTask;

    /// <inheritdoc />
    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        var state = newOrchestrationRuntimeState;
        var rewrite = item.ReplaceHistory || !ReferenceEquals(state, item.TrackedState);
        var events = rewrite ? state.Events : state.NewEvents;
        var firstSeq = rewrite ? 0 : state.Events.Count - state.NewEvents.Count;
        var executionId = state.OrchestrationInstance?.ExecutionId ?? string.Empty;

        // Serialize before queueing for the writer: the writer thread is the bottleneck, the callers run in parallel.
        var history = new string[events.Count];
        for (var i = 0; i < history.Length; i++)
        {
            history[i] = PayloadSerializer.SerializeEvent(events[i]);
        }

        var outgoing = new List<Outgoing>(outboundMessages.Count + orchestratorMessages.Count + timerMessages.Count + 1);
        foreach (var message in outboundMessages)
        {
            outgoing.Add(new Outgoing(message, Activity: true, PayloadSerializer.SerializeMessage(message)));
        }

        foreach (var message in orchestratorMessages.Concat(timerMessages))
        {
            outgoing.Add(new Outgoing(message, Activity: false, PayloadSerializer.SerializeMessage(message)));
        }

        if (continuedAsNewMessage is not null)
        {
            outgoing.Add(new Outgoing(continuedAsNewMessage, Activity: false, PayloadSerializer.SerializeMessage(continuedAsNewMessage)));
        }

        var consumed = item.Messages;
        var instanceId = item.InstanceId;
        var fullRow = rewrite || firstSeq == 0;
        return _db.Writer.WriteAsync(
            connection =>
            {
                if (rewrite)
                {
                    connection.Execute("DELETE FROM history WHERE instance_id = @p0", instanceId);
                }

                for (var i = 0; i < history.Length; i++)
                {
                    connection.Execute(
                        "INSERT INTO history(instance_id, seq, execution_id, payload) VALUES (@p0, @p1, @p2, @p3)",
                        instanceId, firstSeq + i, executionId, history[i]);
                }

                if (orchestrationState is not null)
                {
                    WriteInstance(connection, orchestrationState, fullRow);
                }

                foreach (var message in consumed)
                {
                    connection.Execute("DELETE FROM messages WHERE id = @p0", message.Id);
                }

                foreach (var message in outgoing)
                {
                    message.Stored = Insert(connection, message.Message, message.Activity, message.Payload);
                }
            },
            () =>
            {
                item.TrackedState = state;
                item.ReplaceHistory = false;
                item.Messages = [];
                DeliverOutgoing(outgoing);
                if (orchestrationState is not null && IsTerminal(orchestrationState.OrchestrationStatus))
                {
                    NotifyCompletion(instanceId);
                }
            });
    }

    /// <inheritdoc />
    public async Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        var messages = item.Messages;
        item.Messages = [];
        var deliveries = 0;
        foreach (var message in messages)
        {
            message.Deliveries++;
            deliveries = Math.Max(deliveries, message.Deliveries);
        }

        if (deliveries >= _settings.MaxDeliveryCount && messages.Count > 0)
        {
            await PoisonOrchestrationAsync(item.Entry, messages, deliveries).ConfigureAwait(false);
            return;
        }

        Unlock(item.Entry, messages);
    }

    /// <inheritdoc />
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteOrchestrationWorkItem)workItem;
        var messages = item.Messages;
        item.Messages = [];
        Unlock(item.Entry, messages);
        return Task.CompletedTask;
    }

    /// <summary>Releases an instance; messages not consumed go back to the front of its queue.</summary>
    private void Unlock(InstanceEntry entry, List<PendingMessage> unconsumed)
    {
        lock (_sync)
        {
            entry.Ready.InsertRange(0, unconsumed);
            entry.Locked = false;
            entry.SessionWaiter = null;
            if (entry.Ready.Count > 0)
            {
                if (!entry.Queued && _started)
                {
                    entry.Queued = true;
                    _readyInstances.Enqueue(entry);
                }
            }
            else if (!entry.Queued && _instances.TryGetValue(entry.InstanceId, out var current) && ReferenceEquals(current, entry))
            {
                _instances.Remove(entry.InstanceId);
            }
        }
    }

    /// <summary>
    /// Loads the instance's history and decides what the step receives: messages for an instance that does not
    /// exist or has finished are discarded (the engine would drop them), except a new start or a rewind request.
    /// Returns null when nothing is left to run.
    /// </summary>
    private async Task<SqliteOrchestrationWorkItem?> CreateWorkItemAsync(InstanceEntry entry, List<PendingMessage> messages)
    {
        var state = LoadRuntimeState(entry.InstanceId);
        var replace = false;
        var start = messages.Select(m => m.Message.Event).OfType<ExecutionStartedEvent>().LastOrDefault();
        List<PendingMessage> deliver = messages;
        string? discardReason = null;
        if (start is not null)
        {
            if (state.Events.Count > 0 && state.OrchestrationInstance?.ExecutionId != start.OrchestrationInstance?.ExecutionId)
            {
                state = new OrchestrationRuntimeState();
                replace = true;
            }
        }
        else if (state.ExecutionStartedEvent is null)
        {
            deliver = [];
            discardReason = "the instance does not exist";
        }
        else if (IsTerminal(state.OrchestrationStatus))
        {
            var rewind = messages.LastOrDefault(m => m.Message.Event is ExecutionRewoundEvent);
            deliver = rewind is null ? [] : [rewind];

            // DurableTask.Core's rewind path writes into the start event's trace context and assumes there is one;
            // an instance started without tracing gets a fresh, unsampled context.
            if (rewind is not null && state.ExecutionStartedEvent.ParentTraceContext is null)
            {
                state.ExecutionStartedEvent.ParentTraceContext = new global::DurableTask.Core.Tracing.DistributedTraceContext(
                    $"00-{System.Diagnostics.ActivityTraceId.CreateRandom()}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-00");
            }
            discardReason = $"the instance is {state.OrchestrationStatus}";
        }

        if (deliver.Count < messages.Count)
        {
            var discarded = messages.Except(deliver).ToList();
            _logger.MessagesDiscarded(entry.InstanceId, discarded.Count, discardReason ?? "superseded");
            await _db.Writer.WriteAsync(connection =>
            {
                foreach (var message in discarded)
                {
                    connection.Execute("DELETE FROM messages WHERE id = @p0", message.Id);
                }
            }).ConfigureAwait(false);
        }

        if (deliver.Count == 0)
        {
            Unlock(entry, []);
            return null;
        }

        var workItem = new SqliteOrchestrationWorkItem
        {
            Entry = entry,
            InstanceId = entry.InstanceId,
            OrchestrationRuntimeState = state,
            TrackedState = state,
            ReplaceHistory = replace,
            LockedUntilUtc = DateTime.MaxValue,
            Messages = deliver,
            NewMessages = deliver.Select(m => m.Message).ToList(),
        };
        if (_settings.ExtendedSessionsEnabled)
        {
            workItem.Session = new SqliteOrchestrationSession(this, workItem);
        }

        return workItem;
    }

    private OrchestrationRuntimeState LoadRuntimeState(string instanceId)
    {
        var events = _db.Read(reader =>
        {
            var list = new List<HistoryEvent>();
            using var rows = reader.Query("SELECT payload FROM history WHERE instance_id = @p0 ORDER BY seq", instanceId);
            while (rows.Read())
            {
                list.Add(PayloadSerializer.DeserializeEvent(rows.GetString(0)));
            }

            return list;
        });
        return new OrchestrationRuntimeState(events);
    }

    /// <summary>Waits for the next messages of a locked instance; null ends the session.</summary>
    internal async Task<IList<TaskMessage>?> FetchSessionMessagesAsync(SqliteOrchestrationWorkItem item)
    {
        var entry = item.Entry;
        TaskCompletionSource<bool> waiter;
        lock (_sync)
        {
            if (TakeSessionMessages(item) is { } ready)
            {
                return ready;
            }

            if (!_started || _settings.ExtendedSessionIdleTimeout <= TimeSpan.Zero || entry.Ready.Count > 0)
            {
                return null;
            }

            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            entry.SessionWaiter = waiter;
        }

        await waiter.Task.WaitAsync(_settings.ExtendedSessionIdleTimeout).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        lock (_sync)
        {
            entry.SessionWaiter = null;
            return _started ? TakeSessionMessages(item) : null;
        }
    }

    /// <summary>
    /// Moves the instance's ready messages into the work item; a new start ends the session instead (the next work
    /// item loads the new execution). The caller holds <see cref="_sync"/>.
    /// </summary>
    private static List<TaskMessage>? TakeSessionMessages(SqliteOrchestrationWorkItem item)
    {
        var ready = item.Entry.Ready;
        if (ready.Count == 0 || ready.Exists(m => m.Message.Event is ExecutionStartedEvent))
        {
            return null;
        }

        item.Messages = [.. ready];
        ready.Clear();
        return item.Messages.ConvertAll(m => m.Message);
    }

    private sealed record Outgoing(TaskMessage Message, bool Activity, string Payload)
    {
        public PendingMessage? Stored { get; set; }
    }

    private void DeliverOutgoing(List<Outgoing> outgoing)
    {
        foreach (var message in outgoing)
        {
            if (message.Stored is null)
            {
                continue;
            }

            if (message.Activity)
            {
                DeliverActivity(message.Stored);
            }
            else
            {
                Deliver(message.Stored);
            }
        }
    }
}
