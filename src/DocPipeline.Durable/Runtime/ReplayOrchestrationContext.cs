using DocPipeline.Durable.History;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Durable.Runtime;

/// <summary>The context orchestrator code sees, backed by an <see cref="OrchestrationExecutor"/>.</summary>
internal sealed class ReplayOrchestrationContext(OrchestrationExecutor executor) : TaskOrchestrationContext
{
    public override string InstanceId => executor.InstanceId;

    public override string Name => executor.Name;

    public override bool IsReplaying => executor.IsReplaying;

    public override DateTime CurrentUtcDateTime => executor.CurrentUtcDateTime;

    public override string? ParentInstanceId => executor.Parent?.InstanceId;

    public override T? GetInput<T>()
        where T : default => JsonDataConverter.Deserialize<T>(executor.SerializedInput);

    public override Guid NewGuid() => executor.NewGuid();

    public override Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = JsonDataConverter.Serialize(input);
        return options?.Retry is { } policy
            ? WithRetry(policy, () => CallOnceAsync<TResult>(OrchestratorActionKind.ScheduleTask, name, serialized, null))
            : CallOnceAsync<TResult>(OrchestratorActionKind.ScheduleTask, name, serialized, null);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serialized = JsonDataConverter.Serialize(input);
        return options?.Retry is { } policy
            ? WithRetry(policy, () => CallOnceAsync<TResult>(OrchestratorActionKind.CreateSubOrchestration, name, serialized, options.InstanceId))
            : CallOnceAsync<TResult>(OrchestratorActionKind.CreateSubOrchestration, name, serialized, options?.InstanceId);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        fireAt = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var id = executor.PeekNextSequence();
        var task = executor.Schedule(OrchestratorActionKind.CreateTimer, "Timer", null, fireAt);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => executor.CancelTimer(id));
        }

        return task;
    }

    public override async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var received = executor.WaitForEvent(eventName, out var waiter);
        if (timeout is null || waiter is null)
        {
            return JsonDataConverter.Deserialize<T>(await received)!;
        }

        using var cancelTimer = new CancellationTokenSource();
        var timer = CreateTimer(CurrentUtcDateTime.Add(timeout.Value), cancelTimer.Token);
        var winner = await Task.WhenAny(received, timer);
        if (winner == received)
        {
            // Cancel synchronously: CancelAsync would resume this code on a thread-pool thread, outside the replay scheduler.
#pragma warning disable CA1849
            cancelTimer.Cancel();
#pragma warning restore CA1849
            return JsonDataConverter.Deserialize<T>(await received)!;
        }

        executor.CancelWait(eventName, waiter);
        throw new TimeoutException($"External event '{eventName}' was not received within {timeout.Value}.");
    }

    public override void SetCustomStatus(object? customStatus) => executor.CustomStatus = JsonDataConverter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        executor.RequestContinueAsNew(JsonDataConverter.Serialize(newInput), preserveUnprocessedEvents);

    public override ILogger CreateReplaySafeLogger(ILogger logger) => new ReplaySafeLogger(this, logger);

    private async Task<TResult> CallOnceAsync<TResult>(OrchestratorActionKind kind, string name, string? input, string? childInstanceId)
    {
        var id = executor.PeekNextSequence();
        var completion = await executor.Schedule(kind, name, input, childInstanceId: childInstanceId);
        if (completion.EventType is HistoryEventType.TaskFailed or HistoryEventType.SubOrchestrationInstanceFailed)
        {
            throw new TaskFailedException(name, id, completion.Failure ?? new TaskFailureDetails("Unknown", "The task failed without details."));
        }

        return JsonDataConverter.Deserialize<TResult>(completion.Result)!;
    }

    private async Task<TResult> WithRetry<TResult>(RetryPolicy policy, Func<Task<TResult>> call)
    {
        var firstAttempt = CurrentUtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TaskFailedException ex) when (attempt < policy.MaxNumberOfAttempts && policy.ShouldRetry(ex.FailureDetails))
            {
                var fireAt = CurrentUtcDateTime + policy.GetDelay(attempt);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && fireAt > firstAttempt + policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(fireAt, CancellationToken.None);
            }
        }
    }
}
