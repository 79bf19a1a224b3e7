using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Durable.Worker;

/// <summary>
/// Runs activity work items under a concurrency limit, renews their leases while they run, and commits finished
/// results in batches (one transaction for everything that finished meanwhile).
/// </summary>
internal sealed class ActivityDispatcher(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DurableTaskOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly Channel<ActivityResult> _results = Channel.CreateUnbounded<ActivityResult>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, ActivityWorkItem> _inFlight = new();
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentActivityFunctions, options.MaxConcurrentActivityFunctions);
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    /// <summary>Where activity code runs: the thread pool, or dedicated threads when the host sets them.</summary>
    public TaskScheduler Threads { get; init; } = TaskScheduler.Default;

    private CancellationToken _abort = new(canceled: true);
    private volatile bool _accepting;

    /// <summary>Reserves up to <paramref name="wanted"/> execution slots for prelocked work; returns how many.</summary>
    public int TryReserve(int wanted)
    {
        var reserved = 0;
        while (_accepting && reserved < wanted && _slots.Wait(0))
        {
            reserved++;
        }

        return reserved;
    }

    /// <summary>Returns unused reservations.</summary>
    public void Release(int count)
    {
        if (count > 0)
        {
            _slots.Release(count);
        }
    }

    /// <summary>Runs work items the store inserted already locked by this worker, each on a reserved slot.</summary>
    public void RunPrelocked(IReadOnlyList<ActivityWorkItem> items)
    {
        foreach (var item in items)
        {
            Start(item);
        }
    }

    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        _abort = abort;
        _accepting = true;
        using var stopAccepting = stopping.Register(() => _accepting = false);
        var completer = CompleteLoopAsync();
        using var renewStop = new CancellationTokenSource();
        var renewer = RenewLoopAsync(renewStop.Token);
        try
        {
            await DispatchLoopAsync(stopping, abort).ConfigureAwait(false);
        }
        finally
        {
            // Let running activities finish (they see `abort` only after the shutdown timeout), then flush results.
            await Task.WhenAll(_running.Keys).ConfigureAwait(false);
            _results.Writer.TryComplete();
            await completer.ConfigureAwait(false);
            await renewStop.CancelAsync().ConfigureAwait(false);
            await renewer.ConfigureAwait(false);
        }
    }

    private async Task DispatchLoopAsync(CancellationToken stopping, CancellationToken abort)
    {
        var backoff = TimeSpan.Zero;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stopping).ConfigureAwait(false);
                var free = 1;
                while (free < 100 && _slots.Wait(0))
                {
                    free++;
                }

                var signal = store.ActivitySignal.NextAsync();
                IReadOnlyList<ActivityWorkItem> items;
                try
                {
                    items = await store.LockActivitiesAsync(options.WorkerId, free, options.LeaseDuration, stopping).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release(free);
                }

                if (items.Count == 0)
                {
                    await OrchestrationDispatcher.WaitForWorkAsync(store, signal, options, time, stopping).ConfigureAwait(false);
                    continue;
                }

                foreach (var item in items)
                {
                    await _slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                    Start(item);
                }

                backoff = TimeSpan.Zero;
                if (items.Count < free)
                {
                    // Everything visible was taken: wait for new work rather than claim again for nothing.
                    await WorkSignal.WaitAsync(signal, options.MaxQueuePollingInterval, time, stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                backoff = OrchestrationDispatcher.NextBackoff(backoff);
                logger.StoreError(ex, "activity dispatch", backoff);
                try
                {
                    await Task.Delay(backoff, time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Runs an item on a slot the caller already holds; the slot is released when it finishes.</summary>
    private void Start(ActivityWorkItem item)
    {
        _inFlight[item.Id] = item;
        var task = Task.Factory.StartNew(() => ExecuteAsync(item, _abort), CancellationToken.None, TaskCreationOptions.DenyChildAttach, Threads).Unwrap();
        _running[task] = true;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task ExecuteAsync(ActivityWorkItem item, CancellationToken abort)
    {
        var request = item.Request;
        try
        {
            if (item.DequeueCount > options.MaxDequeueCount)
            {
                logger.ActivityPoisoned(request.Name, request.InstanceId, request.TaskId, item.DequeueCount);
                var reason = $"Activity '{request.Name}' was handed to a worker {item.DequeueCount} times without finishing " +
                    $"(maxDequeueCount is {options.MaxDequeueCount}): the worker running it crashed, was stopped or hung past its lease each time. " +
                    "The call is failed and its input kept for inspection.";
                Publish(item, Failed(request, new TaskFailureDetails("DocPipeline.Durable.PoisonWorkItemException", reason, IsNonRetriable: true)), poisoned: true);
                return;
            }

            var outcome = await RunActivityAsync(item, abort).ConfigureAwait(false);
            if (outcome is null)
            {
                // Shut down mid-run: hand the item back so another worker (or the next start) runs it.
                _inFlight.TryRemove(item.Id, out _);
                await store.ReleaseActivityAsync(options.WorkerId, item.Id, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            logger.ActivityFinished(request.Name, request.InstanceId, request.TaskId, outcome.EventType.ToString());
            Publish(item, outcome, poisoned: false);
        }
        catch (Exception ex)
        {
            _inFlight.TryRemove(item.Id, out _);
            logger.StoreError(ex, "activity completion", TimeSpan.Zero);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<HistoryEvent?> RunActivityAsync(ActivityWorkItem item, CancellationToken abort)
    {
        var request = item.Request;
        await using var scope = services.CreateAsyncScope();
        if (!registry.TryCreateActivity(request.Name, scope.ServiceProvider, out var activity))
        {
            return Failed(request, new TaskFailureDetails(
                typeof(InvalidOperationException).FullName!,
                $"No activity named '{request.Name}' is registered with this worker.",
                IsNonRetriable: true));
        }

        object? input;
        try
        {
            input = JsonDataConverter.Deserialize(request.Input, activity!.InputType);
        }
        catch (JsonException ex)
        {
            return Failed(request, new TaskFailureDetails(
                typeof(JsonException).FullName!,
                $"The input of activity '{request.Name}' could not be read as {activity!.InputType.Name}: {ex.Message}",
                IsNonRetriable: true));
        }

        try
        {
            var context = new TaskActivityContext(request.Name, request.InstanceId, request.TaskId, item.DequeueCount);
            var output = await activity.RunAsync(context, input, abort).ConfigureAwait(false);
            return new HistoryEvent
            {
                EventType = HistoryEventType.TaskCompleted,
                TaskScheduledId = request.TaskId,
                Timestamp = time.GetUtcNow().UtcDateTime,
                Result = JsonDataConverter.Serialize(output),
            };
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            return Failed(request, TaskFailureDetails.FromException(ex));
        }
    }

    private HistoryEvent Failed(ActivityRequest request, TaskFailureDetails failure) => new()
    {
        EventType = HistoryEventType.TaskFailed,
        TaskScheduledId = request.TaskId,
        Timestamp = time.GetUtcNow().UtcDateTime,
        Failure = failure,
    };

    private void Publish(ActivityWorkItem item, HistoryEvent outcome, bool poisoned) =>
        _results.Writer.TryWrite(new ActivityResult(item, outcome, poisoned));

    private async Task CompleteLoopAsync()
    {
        var batch = new List<ActivityResult>();
        var backoff = TimeSpan.Zero;
        while (await _results.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (batch.Count == 0 && options.BatchWindow > TimeSpan.Zero)
            {
                // Let results finishing together share one commit.
                await Task.Delay(options.BatchWindow, time, CancellationToken.None).ConfigureAwait(false);
            }

            while (batch.Count < 1000 && _results.Reader.TryRead(out var result))
            {
                batch.Add(result);
            }

            try
            {
                await store.CompleteActivitiesAsync(batch, CancellationToken.None).ConfigureAwait(false);
                foreach (var result in batch)
                {
                    _inFlight.TryRemove(result.WorkItem.Id, out _);
                }

                batch.Clear();
                backoff = TimeSpan.Zero;
            }
            catch (Exception ex)
            {
                // Results are never dropped: the batch is retried until the store takes it.
                backoff = OrchestrationDispatcher.NextBackoff(backoff);
                logger.StoreError(ex, "activity result commit", backoff);
                await Task.Delay(backoff, time, CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (batch.Count > 0)
        {
            await store.CompleteActivitiesAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task RenewLoopAsync(CancellationToken stop)
    {
        var interval = options.LeaseDuration / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var ids = _inFlight.Keys.ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            try
            {
                await store.RenewActivityLocksAsync(options.WorkerId, ids, options.LeaseDuration, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                logger.StoreError(ex, "lease renewal", interval);
            }
        }
    }
}
