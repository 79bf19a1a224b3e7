using System.Collections.Concurrent;

namespace DocPipeline.DurableTask.Hosting;

/// <summary>
/// Wakes in-process waiters when this process's worker has committed a step of an instance, so a wait for start or
/// completion answers at once instead of at the next poll. Waits still poll, for work done by other processes.
/// </summary>
internal sealed class InstanceChangeSignal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next change of <paramref name="instanceId"/>.</summary>
    public Task NextChangeAsync(string instanceId) =>
        _waiters.GetOrAdd(instanceId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Wakes everyone waiting for <paramref name="instanceId"/>.</summary>
    public void Changed(string instanceId)
    {
        if (_waiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
