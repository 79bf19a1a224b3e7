namespace DocPipeline.DurableTask.Sqlite;

/// <summary>
/// A queue whose readers wait asynchronously with a timeout: an item enqueued while someone waits is handed straight
/// to that waiter, so a commit that creates work wakes its consumer without polling.
/// </summary>
internal sealed class AsyncQueue<T>
    where T : class
{
    private readonly Lock _sync = new();
    private readonly Queue<T> _items = new();
    private readonly Queue<TaskCompletionSource<T?>> _waiters = new();

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _items.Count;
            }
        }
    }

    public void Enqueue(T item)
    {
        lock (_sync)
        {
            while (_waiters.TryDequeue(out var waiter))
            {
                if (waiter.TrySetResult(item))
                {
                    return;
                }
            }

            _items.Enqueue(item);
        }
    }

    /// <summary>The next item, or null when <paramref name="timeout"/> passes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task<T?> DequeueAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        TaskCompletionSource<T?> waiter;
        lock (_sync)
        {
            if (_items.TryDequeue(out var item))
            {
                return item;
            }

            if (timeout <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            waiter = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        await using (timeoutSource.Token.UnsafeRegister(static state => ((TaskCompletionSource<T?>)state!).TrySetResult(null), waiter).ConfigureAwait(false))
        {
            return await waiter.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Wakes every waiter with null (the service is stopping).</summary>
    public void ReleaseWaiters()
    {
        lock (_sync)
        {
            while (_waiters.TryDequeue(out var waiter))
            {
                waiter.TrySetResult(null);
            }
        }
    }

    /// <summary>Drops every queued item.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _items.Clear();
        }
    }
}
