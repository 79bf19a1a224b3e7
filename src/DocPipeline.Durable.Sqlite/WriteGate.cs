namespace DocPipeline.Durable.Sqlite;

/// <summary>
/// The one-writer lock of a SQLite store, with two classes of waiter. Client calls (starting an instance, raising an
/// event, purging) are usually answering a request someone is waiting on, so they go ahead of queued worker steps;
/// to keep the worker from starving under a flood of client calls, client and worker waiters take turns whenever
/// both are queued. Waiters resume asynchronously, never inline in <see cref="Exit"/>.
/// </summary>
internal sealed class WriteGate
{
    private readonly Lock _sync = new();
    private readonly Queue<Waiter> _client = new();
    private readonly Queue<Waiter> _worker = new();
    private bool _held;
    private bool _lastWasClient;

    /// <summary>Waits for the lock.</summary>
    /// <param name="client">Whether a client call is waiting (it goes ahead of worker steps).</param>
    /// <param name="cancellationToken">Stops waiting; the lock is then not taken.</param>
    public Task EnterAsync(bool client, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_sync)
        {
            if (!_held)
            {
                _held = true;
                _lastWasClient = client;
                return Task.CompletedTask;
            }

            waiter = new Waiter(client);
            (client ? _client : _worker).Enqueue(waiter);
        }

        return cancellationToken.CanBeCanceled ? WaitAsync(waiter, cancellationToken) : waiter.Task;
    }

    /// <summary>Releases the lock to the next waiter, if any.</summary>
    public void Exit()
    {
        lock (_sync)
        {
            // A cancelled waiter stays queued and is skipped here.
            while (Next() is { } next)
            {
                if (next.TrySetResult(true))
                {
                    _lastWasClient = next.Client;
                    return;
                }
            }

            _held = false;
        }
    }

    private static async Task WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        // Whichever comes first wins: the lock (TrySetResult in Exit) or the cancellation.
        using (cancellationToken.UnsafeRegister(static state => ((Waiter)state!).TrySetCanceled(), waiter))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }

    private Waiter? Next()
    {
        var preferClient = _client.Count > 0 && (!_lastWasClient || _worker.Count == 0);
        if (preferClient)
        {
            return _client.Dequeue();
        }

        if (_worker.Count > 0)
        {
            return _worker.Dequeue();
        }

        return _client.Count > 0 ? _client.Dequeue() : null;
    }

    private sealed class Waiter(bool client) : TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public bool Client { get; } = client;
    }
}
