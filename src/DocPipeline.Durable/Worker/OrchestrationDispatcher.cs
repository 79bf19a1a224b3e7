using DocPipeline.Durable.History;
using DocPipeline.Durable.Runtime;
using DocPipeline.Durable.Store;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Durable.Worker;

/// <summary>
/// Locks instances with waiting messages, runs one episode per instance and commits the batch. Live executors are
/// cached between steps; a cache miss or a version change replays from history.
/// </summary>
internal sealed class OrchestrationDispatcher(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DurableTaskOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly InstanceCache _cache = new(options.InstanceCacheSize);

    /// <summary>The local activity dispatcher, given prelocked work so it need not claim it.</summary>
    public ActivityDispatcher? LocalActivities { get; init; }

    public int CachedInstances => _cache.Count;

    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = TimeSpan.Zero;
        var batchSize = Math.Min(options.MaxConcurrentOrchestratorFunctions, 100);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var signal = store.OrchestrationSignal.NextAsync();
                var items = await store.LockOrchestrationsAsync(options.WorkerId, batchSize, options.MaxMessagesPerEpisode, options.LeaseDuration, stopping).ConfigureAwait(false);
                if (items.Count == 0)
                {
                    await WaitForWorkAsync(store, signal, options, time, stopping).ConfigureAwait(false);
                    await GatherAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                await ProcessBatchAsync(items, stopping).ConfigureAwait(false);
                backoff = TimeSpan.Zero;
                if (items.Count < batchSize && items.All(i => i.Messages.Count < options.MaxMessagesPerEpisode))
                {
                    // A partial batch took everything visible; sleep until something is written (a signal raised
                    // since the claim wakes this at once) instead of paying for a claim that finds nothing.
                    await WorkSignal.WaitAsync(signal, options.MaxQueuePollingInterval, time, stopping).ConfigureAwait(false);
                    await GatherAsync(stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                backoff = NextBackoff(backoff);
                logger.StoreError(ex, "orchestration dispatch", backoff);
                await DelayQuietly(backoff, stopping).ConfigureAwait(false);
            }
        }
    }

    internal static async Task WaitForWorkAsync(IOrchestrationStore store, Task signal, DurableTaskOptions options, TimeProvider time, CancellationToken stopping)
    {
        var wait = options.MaxQueuePollingInterval;
        if (await store.GetNextVisibleTimeAsync(stopping).ConfigureAwait(false) is { } next)
        {
            var untilNext = next - time.GetUtcNow().UtcDateTime;
            wait = untilNext <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : untilNext < wait ? untilNext : wait;
        }

        await WorkSignal.WaitAsync(signal, wait, time, stopping).ConfigureAwait(false);
    }

    /// <summary>Lets more work arrive before the next claim (<see cref="DurableTaskOptions.BatchWindow"/>).</summary>
    private Task GatherAsync(CancellationToken stopping) =>
        options.BatchWindow > TimeSpan.Zero ? Task.Delay(options.BatchWindow, time, stopping) : Task.CompletedTask;

    internal static TimeSpan NextBackoff(TimeSpan previous) =>
        previous == TimeSpan.Zero ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromTicks(Math.Min(previous.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));

    internal async Task DelayQuietly(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, time, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ProcessBatchAsync(IReadOnlyList<OrchestrationWorkItem> items, CancellationToken stopping)
    {
        var commits = new List<OrchestrationCommit>(items.Count);
        var executors = new List<OrchestrationExecutor?>(items.Count);
        foreach (var item in items)
        {
            try
            {
                var (commit, executor) = await StepAsync(item, stopping).ConfigureAwait(false);
                commits.Add(commit);
                executors.Add(executor);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.EpisodeCrashed(ex, item.InstanceId);
                _cache.Remove(item.InstanceId);
                await store.ReleaseOrchestrationAsync(options.WorkerId, item.InstanceId, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (commits.Count == 0)
        {
            return;
        }

        var reserved = new int[commits.Count];
        if (LocalActivities is { } local)
        {
            var until = time.GetUtcNow().UtcDateTime + options.LeaseDuration;
            for (var i = 0; i < commits.Count; i++)
            {
                if (commits[i].Activities.Count > 0 && (reserved[i] = local.TryReserve(commits[i].Activities.Count)) > 0)
                {
                    commits[i] = commits[i] with { PrelockCount = reserved[i], PrelockUntil = until };
                }
            }
        }

        IReadOnlyList<long?> versions;
        try
        {
            versions = await store.CommitOrchestrationsAsync(options.WorkerId, commits, stopping).ConfigureAwait(false);
        }
        catch
        {
            LocalActivities?.Release(reserved.Sum());
            throw;
        }

        for (var i = 0; i < commits.Count; i++)
        {
            var instanceId = commits[i].WorkItem.InstanceId;
            var prelocked = versions[i] is null ? [] : commits[i].PrelockedActivities;
            LocalActivities?.Release(reserved[i] - prelocked.Count);
            LocalActivities?.RunPrelocked(prelocked);
            if (versions[i] is not { } version)
            {
                logger.EpisodeConflict(instanceId);
                _cache.Remove(instanceId);
                continue;
            }

            logger.EpisodeCommitted(instanceId, commits[i].Status, commits[i].NewHistory.Count);
            if (executors[i] is { IsFinished: false } executor)
            {
                executor.OnCommitted(version);
                _cache.Put(executor);
            }
            else
            {
                _cache.Remove(instanceId);
            }
        }
    }

    private async Task<(OrchestrationCommit Commit, OrchestrationExecutor? Executor)> StepAsync(OrchestrationWorkItem item, CancellationToken stopping)
    {
        var instance = item.Instance;
        var now = time.GetUtcNow().UtcDateTime;
        var consumed = new List<string>();
        var events = new List<HistoryEvent>();
        var eventIds = new List<string>();
        foreach (var message in item.Messages)
        {
            var stale = message.Message.ExecutionId is { } execution && execution != instance.ExecutionId;
            if (stale || instance.RuntimeStatus.IsTerminal())
            {
                // Results for an old execution or a finished instance have nobody to go to.
                consumed.Add(message.Id);
            }
            else
            {
                events.Add(message.Message.Event);
                eventIds.Add(message.Id);
            }
        }

        var poisoned = item.Messages.Where(m => m.DequeueCount > options.MaxDequeueCount).ToList();
        if (poisoned.Count > 0 && !instance.RuntimeStatus.IsTerminal())
        {
            var worst = poisoned.Max(m => m.DequeueCount);
            logger.OrchestrationPoisoned(instance.InstanceId, worst);
            var first = poisoned[0].Message.Event;
            var reason = $"Instance '{instance.InstanceId}' was failed because its next step was attempted {worst} times without completing " +
                $"(maxDequeueCount is {options.MaxDequeueCount}): the worker processing it crashed, was stopped or hung each time. " +
                $"The message ({first.EventType}{(first.Name is null ? string.Empty : $" '{first.Name}'")}) was kept for inspection.";
            var failure = new TaskFailureDetails("DocPipeline.Durable.PoisonMessageException", reason, IsNonRetriable: true);
            return (await EndAsync(item, now, OrchestrationRuntimeStatus.Failed, failure, null, [.. item.Messages.Select(m => m.Id)], poisoned.ConvertAll(m => m.Id), reason, stopping).ConfigureAwait(false), null);
        }

        if (events.Count == 0)
        {
            return (Unchanged(item, consumed), null);
        }

        if (events.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionTerminated) is { } terminate)
        {
            _cache.Remove(instance.InstanceId);
            var output = JsonDataConverter.Serialize(terminate.Reason);
            return (await EndAsync(item, now, OrchestrationRuntimeStatus.Terminated, null, output, [.. item.Messages.Select(m => m.Id)], [], null, stopping, terminate).ConfigureAwait(false), null);
        }

        var executor = _cache.TryTake(instance.InstanceId, instance.ExecutionId, instance.Version);
        if (executor is null)
        {
            if (!registry.TryCreateOrchestrator(instance.Name, services, out var orchestrator))
            {
                var failure = new TaskFailureDetails(
                    typeof(InvalidOperationException).FullName!,
                    $"No orchestrator named '{instance.Name}' is registered with this worker.",
                    IsNonRetriable: true);
                return (await EndAsync(item, now, OrchestrationRuntimeStatus.Failed, failure, null, [.. item.Messages.Select(m => m.Id)], [], null, stopping).ConfigureAwait(false), null);
            }

            executor = new OrchestrationExecutor(instance.InstanceId, instance.ExecutionId, instance.Name, orchestrator!, instance.SerializedCustomStatus)
            {
                Version = instance.Version,
            };
            var history = await store.GetHistoryAsync(instance.InstanceId, stopping).ConfigureAwait(false);
            try
            {
                executor.Replay(history);
            }
            catch (NonDeterministicOrchestrationException ex)
            {
                return (await FailNonDeterministicAsync(item, now, ex, stopping).ConfigureAwait(false), null);
            }
        }

        var offset = executor.HistoryCount;
        EpisodeResult result;
        try
        {
            result = executor.ExecuteEpisode(events, now);
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            return (await FailNonDeterministicAsync(item, now, ex, stopping).ConfigureAwait(false), null);
        }

        consumed.AddRange(eventIds.Take(result.ConsumedCount));
        return (BuildCommit(item, executor, result, offset, consumed, now), executor);
    }

    private OrchestrationCommit BuildCommit(OrchestrationWorkItem item, OrchestrationExecutor executor, EpisodeResult result, int offset, List<string> consumed, DateTime now)
    {
        var messages = new List<OrchestrationMessage>(result.Timers);
        if (result.Status == OrchestrationRuntimeStatus.Failed && result.Failure is not null)
        {
            logger.InstanceFailed(item.InstanceId, result.Failure.ErrorMessage);
        }

        if (result.ContinueAsNew is { } next)
        {
            var executionId = Guid.NewGuid().ToString("N");
            messages.Clear();
            messages.Add(new OrchestrationMessage(item.InstanceId, executionId, new HistoryEvent
            {
                EventType = HistoryEventType.ExecutionStarted,
                Timestamp = now,
                Name = executor.Name,
                Input = next.Input,
                InstanceId = item.InstanceId,
                ExecutionId = executionId,
                Parent = executor.Parent,
            }));
            messages.AddRange(next.CarriedEvents.Select(e => new OrchestrationMessage(item.InstanceId, executionId, e)));
            return new OrchestrationCommit
            {
                WorkItem = item,
                ExecutionId = executionId,
                ResetHistory = true,
                Status = OrchestrationRuntimeStatus.ContinuedAsNew,
                CustomStatusChanged = result.CustomStatusChanged,
                CustomStatus = result.CustomStatus,
                NewInput = next.Input,
                Messages = messages,
                ConsumedMessageIds = consumed,
            };
        }

        if (result.Status.IsTerminal() && executor.Parent is { } parent)
        {
            messages.Add(ParentNotification(parent, result.Status, result.Output, result.Failure, now));
        }

        return new OrchestrationCommit
        {
            WorkItem = item,
            ExecutionId = executor.ExecutionId,
            HistoryOffset = offset,
            NewHistory = result.NewEvents,
            Status = result.Status,
            CustomStatusChanged = result.CustomStatusChanged,
            CustomStatus = result.CustomStatus,
            Output = result.Output,
            Failure = result.Failure,
            Activities = result.Activities,
            Messages = messages,
            NewInstances = result.SubOrchestrations,
            ConsumedMessageIds = consumed,
        };
    }

    private async Task<OrchestrationCommit> FailNonDeterministicAsync(OrchestrationWorkItem item, DateTime now, NonDeterministicOrchestrationException ex, CancellationToken stopping)
    {
        _cache.Remove(item.InstanceId);
        var failure = TaskFailureDetails.FromException(ex) with { IsNonRetriable = true };
        return await EndAsync(item, now, OrchestrationRuntimeStatus.Failed, failure, null, [.. item.Messages.Select(m => m.Id)], [], null, stopping).ConfigureAwait(false);
    }

    /// <summary>Ends an instance outside the executor (terminate, poison, unknown orchestrator, non-determinism).</summary>
    private async Task<OrchestrationCommit> EndAsync(
        OrchestrationWorkItem item,
        DateTime now,
        OrchestrationRuntimeStatus status,
        TaskFailureDetails? failure,
        string? output,
        List<string> consumed,
        List<string> poisoned,
        string? poisonReason,
        CancellationToken stopping,
        HistoryEvent? terminate = null)
    {
        if (failure is not null)
        {
            logger.InstanceFailed(item.InstanceId, failure.ErrorMessage);
            output = JsonDataConverter.Serialize(failure.ErrorMessage);
        }

        var history = await store.GetHistoryAsync(item.InstanceId, stopping).ConfigureAwait(false);
        var events = new List<HistoryEvent> { new() { EventType = HistoryEventType.OrchestratorStarted, Timestamp = now } };
        events.Add(terminate is not null
            ? terminate with { Timestamp = now }
            : new HistoryEvent { EventType = HistoryEventType.ExecutionCompleted, Timestamp = now, Status = status, Failure = failure });

        var messages = new List<OrchestrationMessage>();
        if (history.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted)?.Parent is { } parent)
        {
            var parentFailure = failure ?? new TaskFailureDetails("DocPipeline.Durable.OrchestrationTerminatedException", $"Sub-orchestration '{item.InstanceId}' was terminated: {terminate?.Reason}", IsNonRetriable: true);
            messages.Add(ParentNotification(parent, OrchestrationRuntimeStatus.Failed, null, parentFailure, now));
        }

        return new OrchestrationCommit
        {
            WorkItem = item,
            ExecutionId = item.Instance.ExecutionId,
            HistoryOffset = history.Count,
            NewHistory = events,
            Status = status,
            Output = output,
            Failure = failure,
            Messages = messages,
            ConsumedMessageIds = consumed,
            PoisonedMessageIds = poisoned,
            PoisonReason = poisonReason,
        };
    }

    private static OrchestrationCommit Unchanged(OrchestrationWorkItem item, List<string> consumed) => new()
    {
        WorkItem = item,
        ExecutionId = item.Instance.ExecutionId,
        Status = item.Instance.RuntimeStatus,
        MessagesOnly = true,
        ConsumedMessageIds = consumed,
    };

    private static OrchestrationMessage ParentNotification(ParentInstance parent, OrchestrationRuntimeStatus status, string? output, TaskFailureDetails? failure, DateTime now) =>
        new(parent.InstanceId, parent.ExecutionId, status == OrchestrationRuntimeStatus.Completed
            ? new HistoryEvent { EventType = HistoryEventType.SubOrchestrationInstanceCompleted, TaskScheduledId = parent.TaskScheduledId, Timestamp = now, Result = output }
            : new HistoryEvent
            {
                EventType = HistoryEventType.SubOrchestrationInstanceFailed,
                TaskScheduledId = parent.TaskScheduledId,
                Timestamp = now,
                Failure = failure ?? new TaskFailureDetails("DocPipeline.Durable.OrchestrationFailedException", $"The sub-orchestration ended as {status}."),
            });
}
