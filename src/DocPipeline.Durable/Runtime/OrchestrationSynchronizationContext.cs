using System.Collections.Concurrent;

namespace DocPipeline.Durable.Runtime;

/// <summary>
/// Runs orchestrator continuations one at a time, in order, on whichever thread pumps it. A continuation posted from
/// another thread, or while nobody pumps, means the orchestrator awaited something that is not durable
/// (Task.Delay, Task.Run, I/O): that is recorded so the episode can fail the instance with a clear message.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private int _pumpThreadId = -1;

    /// <summary>True once a continuation arrived from outside the pump.</summary>
    public bool ForeignContinuationDetected { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Volatile.Read(ref _pumpThreadId) != Environment.CurrentManagedThreadId)
        {
            ForeignContinuationDetected = true;
        }

        _queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code cannot block on a synchronization context.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Makes the calling thread the owner for the length of an episode.</summary>
    public void Enter() => Volatile.Write(ref _pumpThreadId, Environment.CurrentManagedThreadId);

    /// <summary>Ends the episode: from now on every continuation is foreign.</summary>
    public void Exit() => Volatile.Write(ref _pumpThreadId, -1);

    /// <summary>Runs queued continuations until none are left.</summary>
    public void RunUntilIdle()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (_queue.TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
