using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace DocPipeline.Durable.Worker;

/// <summary>
/// Runs activity code on a few dedicated threads (one per core by default) instead of the shared thread pool, so
/// CPU-heavy activities never queue ahead of the host's own work (HTTP requests, triggers, the dispatchers); the
/// operating system shares the cores between both, and gives the host's work the larger share when the threads run
/// below normal priority. Awaits inside activities resume here too unless the activity's code opts out with
/// ConfigureAwait(false). After disposal, late continuations run on the thread pool.
/// </summary>
internal sealed partial class ActivityThreads : TaskScheduler, IDisposable
{
    private const string ThreadName = "DocPipeline activity";
    private readonly ConcurrentQueue<Task> _queue = new();
    private readonly object _idleLock = new();
    private readonly Thread[] _threads;
    private readonly ThreadPriority _priority;
    private int _idle;
    private volatile bool _stopped;

    public ActivityThreads(int count, ThreadPriority priority = ThreadPriority.Normal)
    {
        _priority = priority;
        _threads = new Thread[Math.Max(1, count)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = ThreadName };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    public void Dispose()
    {
        _stopped = true;
        lock (_idleLock)
        {
            Monitor.PulseAll(_idleLock);
        }
    }

    protected override void QueueTask(Task task)
    {
        if (_stopped)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
            return;
        }

        _queue.Enqueue(task);
        lock (_idleLock)
        {
            if (_idle > 0)
            {
                Monitor.Pulse(_idleLock);
            }
        }

        if (_stopped)
        {
            // The threads may have left between the check and the enqueue: hand anything left to the pool.
            DrainToThreadPool();
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread.Name == ThreadName && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Run()
    {
        SetCurrentThreadPriority(_priority);
        while (true)
        {
            if (_queue.TryDequeue(out var task))
            {
                TryExecuteTask(task);
                continue;
            }

            // Block without spinning: an idle thread that spins takes CPU from the threads that have work.
            lock (_idleLock)
            {
                if (_stopped)
                {
                    break;
                }

                if (!_queue.IsEmpty)
                {
                    continue;
                }

                _idle++;
                Monitor.Wait(_idleLock);
                _idle--;
            }
        }

        DrainToThreadPool();
    }

    private void DrainToThreadPool()
    {
        while (_queue.TryDequeue(out var task))
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null);
        }
    }

    /// <summary>
    /// Lowers the calling thread's priority. .NET does not apply <see cref="Thread.Priority"/> on Linux, where each
    /// thread has its own nice value: below normal is nice 10 and lowest nice 19, which the scheduler weighs at about a
    /// tenth and a hundredth of a normal thread. Raising priority needs privileges and is not attempted.
    /// </summary>
    private static void SetCurrentThreadPriority(ThreadPriority priority)
    {
        if (priority >= ThreadPriority.Normal)
        {
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = priority;
            return;
        }

        try
        {
            // PRIO_PROCESS with who = 0 sets the calling thread's nice value on Linux.
            _ = SetPriority(0, 0, priority == ThreadPriority.Lowest ? 19 : 10);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc to ask: the threads keep normal priority.
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, uint who, int priority);
}
