using System.Globalization;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>Activity work items.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc />
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var task = await _activities.DequeueAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return null!;
        }

        var id = task.Id.ToString(CultureInfo.InvariantCulture);
        _activitiesInFlight[id] = task;
        return new TaskActivityWorkItem
        {
            Id = id,
            TaskMessage = task.Message,
            LockedUntilUtc = DateTime.MaxValue,
        };
    }

    /// <inheritdoc />
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => Task.FromResult(workItem);

    /// <inheritdoc />
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(responseMessage);
        var id = long.Parse(workItem.Id, CultureInfo.InvariantCulture);
        var payload = PayloadSerializer.SerializeMessage(responseMessage);
        return _db.Writer.WriteAsync(
            connection =>
            {
                connection.Execute("DELETE FROM tasks WHERE id = @p0", id);
                return Insert(connection, responseMessage, activity: false, payload);
            },
            stored =>
            {
                _activitiesInFlight.TryRemove(workItem.Id, out _);
                if (stored is not null)
                {
                    Deliver(stored);
                }
            });
    }

    /// <inheritdoc />
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (!_activitiesInFlight.TryRemove(workItem.Id, out var task))
        {
            return Task.CompletedTask;
        }

        task.Deliveries++;
        if (task.Deliveries < _settings.MaxDeliveryCount)
        {
            DeliverActivity(task);
            return Task.CompletedTask;
        }

        return PoisonActivityAsync(task);
    }

    /// <summary>
    /// Moves an activity message that keeps being abandoned to <c>poison_messages</c> and fails the activity call, so
    /// the orchestration sees a failure with the reason (and fails, unless it handles it) instead of waiting forever.
    /// </summary>
    private Task PoisonActivityAsync(PendingMessage task)
    {
        var scheduled = task.Message.Event as TaskScheduledEvent;
        var reason =
            $"Activity '{scheduled?.Name}' of instance '{task.InstanceId}' was delivered {task.Deliveries} times without completing "
            + $"(max delivery count {_settings.MaxDeliveryCount}); its message was moved to the poison_messages table of '{_db.FilePath}' for inspection.";
        _logger.PoisonMessage(task.InstanceId, task.Deliveries, reason);
        var failure = new FailureDetails("PoisonMessage", reason, null, null, true);
        var response = new TaskMessage
        {
            Event = new TaskFailedEvent(-1, scheduled?.EventId ?? -1, reason, null, failure),
            OrchestrationInstance = task.Message.OrchestrationInstance,
        };
        return _db.Writer.WriteAsync(
            connection =>
            {
                connection.Execute(
                    "INSERT INTO poison_messages(instance_id, queue, delivery_count, reason, recorded_at, payload) VALUES (@p0, 'activity', @p1, @p2, @p3, @p4)",
                    task.InstanceId, (long)task.Deliveries, reason, NowMs(), PayloadSerializer.SerializeMessage(task.Message));
                connection.Execute("DELETE FROM tasks WHERE id = @p0", task.Id);
                return Insert(connection, response, activity: false);
            },
            stored =>
            {
                if (stored is not null)
                {
                    Deliver(stored);
                }
            });
    }
}
