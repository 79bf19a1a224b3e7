namespace DocPipeline.DurableTask.Sqlite;

/// <summary>
/// The one writer of the file. Write operations queue here and a dedicated thread commits whatever has queued up
/// in one transaction (group commit): under load, one commit (and at FULL one fsync) serves many steps. Client calls
/// (start, raise, terminate) are usually answering someone who waits, so they go ahead of queued worker steps.
/// If a batch fails, each of its operations is retried alone, so one bad operation fails only its own caller.
/// </summary>
internal sealed class WriteBatcher : IAsyncDisposable
{
    private readonly PreparedConnection _connection;
    private readonly int _maxBatch;
    private readonly System.Collections.Concurrent.ConcurrentQueue<WriteOperation> _client = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<WriteOperation> _worker = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Thread _thread;
    private readonly List<WriteOperation> _batch = [];
    private volatile bool _stopping;

    public WriteBatcher(PreparedConnection connection, int maxBatch)
    {
        _connection = connection;
        _maxBatch = maxBatch;
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-durabletask-writer" };
        _thread.Start();
    }

    /// <summary>Runs <paramref name="work"/> inside a write transaction; <paramref name="afterCommit"/> runs once it is durable.</summary>
    public Task<T> WriteAsync<T>(Func<PreparedConnection, T> work, Action<T>? afterCommit = null, bool client = false)
    {
        var operation = new WriteOperation<T>(work, afterCommit);
        if (_stopping)
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(WriteBatcher), "The SQLite orchestration service is stopped."));
        }

        (client ? _client : _worker).Enqueue(operation);
        _signal.Release();
        return operation.Task;
    }

    public Task WriteAsync(Action<PreparedConnection> work, Action? afterCommit = null, bool client = false) =>
        WriteAsync<bool>(
            connection =>
            {
                work(connection);
                return true;
            },
            afterCommit is null ? null : _ => afterCommit(),
            client);

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _signal.Release();
        await Task.Run(_thread.Join).ConfigureAwait(false);
        _connection.Dispose();
        _signal.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _signal.Wait();
            Drain();
            if (_batch.Count == 0)
            {
                if (_stopping)
                {
                    break;
                }

                continue;
            }

            Commit();
            _batch.Clear();
        }

        while (_client.TryDequeue(out var pending) || _worker.TryDequeue(out pending))
        {
            pending.Fail(new ObjectDisposedException(nameof(WriteBatcher), "The SQLite orchestration service is stopped."));
        }
    }

    private void Drain()
    {
        while (_batch.Count < _maxBatch && _client.TryDequeue(out var operation))
        {
            _batch.Add(operation);
        }

        while (_batch.Count < _maxBatch && _worker.TryDequeue(out var operation))
        {
            _batch.Add(operation);
        }
    }

    private void Commit()
    {
        try
        {
            RunInTransaction(_batch);
        }
        catch (Exception) when (_batch.Count > 1)
        {
            foreach (var operation in _batch)
            {
                operation.Reset();
                try
                {
                    RunInTransaction([operation]);
                }
                catch (Exception ex)
                {
                    operation.Fail(ex);
                    continue;
                }

                operation.Succeed();
            }

            return;
        }
        catch (Exception ex)
        {
            _batch[0].Fail(ex);
            return;
        }

        foreach (var operation in _batch)
        {
            operation.Succeed();
        }
    }

    private void RunInTransaction(List<WriteOperation> operations)
    {
        // IMMEDIATE takes the write lock up front: a deferred transaction could fail on upgrade when another process writes.
        using var tx = _connection.Connection.BeginTransaction(deferred: false);
        _connection.Transaction = tx;
        try
        {
            foreach (var operation in operations)
            {
                operation.Run(_connection);
            }

            tx.Commit();
        }
        finally
        {
            _connection.Transaction = null;
        }
    }

    private abstract class WriteOperation
    {
        public abstract void Run(PreparedConnection connection);

        public abstract void Reset();

        public abstract void Succeed();

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteOperation<T>(Func<PreparedConnection, T> work, Action<T>? afterCommit) : WriteOperation
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _completion.Task;

        public override void Run(PreparedConnection connection) => _result = work(connection);

        public override void Reset() => _result = default!;

        public override void Succeed()
        {
            try
            {
                afterCommit?.Invoke(_result);
            }
            catch (Exception ex)
            {
                _completion.TrySetException(ex);
                return;
            }

            _completion.TrySetResult(_result);
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
