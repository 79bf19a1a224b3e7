using System.Collections.Concurrent;

namespace DocPipeline.DurableTask.Hosting;

/// <summary>
/// Wakes in-process waiters when this process's worker has committed a step of an instance, so a wait for start or
/// completion answers at once instead of at the next poll. Waits still poll, for work done by other processes.
/// </summary>
internal sealed class InstanceChangeSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);
    private TaskCompletionSource _any = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next committed step of any instance.</summary>
    public Task NextAnyChangeAsync() => Volatile.Read(ref _any).Task;

    /// <summary>A task that completes at the next change of <paramref name="instanceId"/>.</summary>
    public Task NextChangeAsync(string instanceId) =>
        _waiters.GetOrAdd(instanceId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>
    /// Drops the pending signal of <paramref name="instanceId"/> once a wait is over, so ids waited on but never changed
    /// in this process do not pile up. Another waiter still holding it falls back to polling until its next round.
    /// </summary>
    public void Forget(string instanceId)
    {
        if (_waiters.TryGetValue(instanceId, out var waiter) && !waiter.Task.IsCompleted)
        {
            _waiters.TryRemove(KeyValuePair.Create(instanceId, waiter));
        }
    }

    /// <summary>Wakes everyone waiting for <paramref name="instanceId"/>.</summary>
    public void Changed(string instanceId)
    {
        Interlocked.Exchange(ref _any, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        if (_waiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
