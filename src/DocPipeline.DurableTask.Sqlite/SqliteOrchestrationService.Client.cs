using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>The client side: start, send, terminate, rewind, wait, state and history.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc />
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, null!);

    /// <inheritdoc />
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(creationMessage);
        if (creationMessage.Event is not ExecutionStartedEvent)
        {
            throw new ArgumentException("A creation message carries an ExecutionStartedEvent.", nameof(creationMessage));
        }

        var instanceId = RequireInstanceId(creationMessage);
        var payload = PayloadSerializer.SerializeMessage(creationMessage);
        return _db.Writer.WriteAsync(
            connection =>
            {
                if (connection.Scalar("SELECT status FROM instances WHERE instance_id = @p0", instanceId) is long existing)
                {
                    var status = (OrchestrationStatus)existing;
                    if (dedupeStatuses is not null && dedupeStatuses.Contains(status))
                    {
                        throw new OrchestrationAlreadyExistsException(
                            $"An orchestration with instance id '{instanceId}' already exists and is {status}.");
                    }

                    connection.Execute("DELETE FROM history WHERE instance_id = @p0", instanceId);
                }

                return Insert(connection, creationMessage, activity: false, payload);
            },
            DeliverIfStored,
            client: true);
    }

    /// <inheritdoc />
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    /// <inheritdoc />
    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var payloads = messages.Select(m =>
        {
            _ = RequireInstanceId(m);
            return PayloadSerializer.SerializeMessage(m);
        }).ToArray();
        return _db.Writer.WriteAsync(
            connection =>
            {
                var stored = new List<PendingMessage>(messages.Length);
                for (var i = 0; i < messages.Length; i++)
                {
                    if (Insert(connection, messages[i], activity: false, payloads[i]) is { } pending)
                    {
                        stored.Add(pending);
                    }
                }

                return stored;
            },
            stored => stored.ForEach(Deliver),
            client: true);
    }

    /// <inheritdoc />
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });
    }

    /// <summary>
    /// Rewinds a failed instance: the engine (DurableTask.Core's rewind support) removes the failed activity and
    /// sub-orchestration results and the failure from its history, gives the instance a new execution id and runs it
    /// again, so only the calls that failed run again; failed sub-orchestrations are rewound the same way.
    /// </summary>
    /// <param name="instanceId">The failed instance.</param>
    /// <param name="reason">Why it is rewound (kept in the request).</param>
    /// <exception cref="InvalidOperationException">The instance does not exist or has not failed.</exception>
    public async Task RewindTaskOrchestrationAsync(string instanceId, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = ReadInstance(instanceId) ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists.");
        if (state.OrchestrationStatus != OrchestrationStatus.Failed)
        {
            throw new InvalidOperationException(
                $"Only a failed orchestration can be rewound; instance '{instanceId}' is {state.OrchestrationStatus}.");
        }

        await SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionRewoundEvent(-1, reason),
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            limit.CancelAfter(timeout);
        }

        while (true)
        {
            // Register before reading, so a completion committed between the read and the wait is not missed.
            var completed = RegisterCompletionWaiter(instanceId);
            var state = await GetOrchestrationStateAsync(instanceId, executionId).ConfigureAwait(false);
            if (state is not null && IsTerminal(state.OrchestrationStatus))
            {
                return state;
            }

            try
            {
                // The poll covers completions committed by another process.
                await completed.Task.WaitAsync(_settings.PollingInterval, limit.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Look again.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null!;
            }
        }
    }

    /// <inheritdoc />
    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        IList<OrchestrationState> result = ReadInstance(instanceId) is { } state ? [state] : [];
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId)
    {
        var state = ReadInstance(instanceId);
        if (state is not null && !string.IsNullOrEmpty(executionId) && state.OrchestrationInstance.ExecutionId != executionId)
        {
            state = null;
        }

        return Task.FromResult(state!);
    }

    /// <inheritdoc />
    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId)
    {
        var events = _db.Read(reader =>
        {
            var list = new List<HistoryEvent>();
            using var rows = reader.Query("SELECT execution_id, payload FROM history WHERE instance_id = @p0 ORDER BY seq", instanceId);
            while (rows.Read())
            {
                if (string.IsNullOrEmpty(executionId) || rows.GetString(0) == executionId)
                {
                    list.Add(PayloadSerializer.DeserializeEvent(rows.GetString(1)));
                }
            }

            return list;
        });
        return Task.FromResult(PayloadSerializer.ToJson(events));
    }

    private void DeliverIfStored(PendingMessage? stored)
    {
        if (stored is not null)
        {
            Deliver(stored);
        }
    }

    private static string RequireInstanceId(TaskMessage message) =>
        message.OrchestrationInstance?.InstanceId is { Length: > 0 } id
            ? id
            : throw new ArgumentException("The message has no target instance id.", nameof(message));
}
