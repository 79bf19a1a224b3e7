using System.Collections.Concurrent;

namespace DocPipeline.Durable.Worker;

/// <summary>
/// Runs activity code on a few dedicated threads (one per core by default) instead of the shared thread pool, so
/// CPU-heavy activities never queue ahead of the host's own work (HTTP requests, triggers, the dispatchers); the
/// operating system shares the cores between both. Awaits inside activities resume here too unless the activity's
/// code opts out with ConfigureAwait(false). After disposal, late continuations run on the thread pool.
/// </summary>
internal sealed class ActivityThreads : TaskScheduler, IDisposable
{
    private readonly ConcurrentQueue<Task> _queue = new();
    private readonly SemaphoreSlim _ready = new(0);
    private readonly Thread[] _threads;
    private volatile bool _stopped;

    public ActivityThreads(int count)
    {
        _threads = new Thread[Math.Max(1, count)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = "DocPipeline activity" };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    public void Dispose()
    {
        _stopped = true;
        _ready.Release(_threads.Length);
    }

    protected override void QueueTask(Task task)
    {
        if (_stopped)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
            return;
        }

        _queue.Enqueue(task);
        _ready.Release();
        if (_stopped)
        {
            // The threads may have left between the check and the enqueue: hand anything left to the pool.
            DrainToThreadPool();
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread.Name == "DocPipeline activity" && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Run()
    {
        while (true)
        {
            _ready.Wait();
            if (_queue.TryDequeue(out var task))
            {
                TryExecuteTask(task);
            }
            else if (_stopped)
            {
                DrainToThreadPool();
                return;
            }
        }
    }

    private void DrainToThreadPool()
    {
        while (_queue.TryDequeue(out var task))
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
        }
    }
}
