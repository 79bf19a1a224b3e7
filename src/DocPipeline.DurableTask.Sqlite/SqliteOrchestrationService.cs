using DurableTask.Core;
using DurableTask.Core.Query;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>
/// A Durable Task Framework storage provider on one SQLite file (WAL). Each orchestration step is one transaction;
/// concurrent steps are committed together. One worker process per file holds an exclusive lock on
/// <c>&lt;file&gt;.worker-lock</c> while it runs; any number of client-only instances (other processes that start,
/// query or raise events but never call <see cref="StartAsync()"/>) may use the same file, and the worker picks up
/// what they write within <see cref="SqliteOrchestrationServiceSettings.PollingInterval"/>.
/// </summary>
public sealed partial class SqliteOrchestrationService :
    IOrchestrationService,
    IOrchestrationServiceClient,
    IOrchestrationServiceQueryClient,
    IOrchestrationServicePurgeClient,
    IAsyncDisposable
{
    private readonly SqliteOrchestrationServiceSettings _settings;
    private readonly SqliteDatabase _db;
    private readonly ILogger _logger;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, InstanceEntry> _instances = new(StringComparer.Ordinal);
    private readonly AsyncQueue<InstanceEntry> _readyInstances = new();
    private readonly AsyncQueue<PendingMessage> _activities = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PendingMessage> _activitiesInFlight = new(StringComparer.Ordinal);
    private FileStream? _workerLock;
    private CancellationTokenSource? _stop;
    private Task? _background;

    // Read and written on the writer thread only, so "is a worker here to take this message" and the insert agree.
    private bool _started;

    /// <summary>Creates the service; the file and its schema are created on first use.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="loggerFactory">Logging; none by default.</param>
    public SqliteOrchestrationService(SqliteOrchestrationServiceSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SqliteOrchestrationService>();
        if (settings.TuneNativeAllocator)
        {
            NativeAllocatorTuning.Apply();
        }

        _db = new SqliteDatabase(settings);
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => _db.FilePath;

    /// <summary>The settings in use.</summary>
    public SqliteOrchestrationServiceSettings Settings => _settings;

    /// <inheritdoc />
    public int TaskOrchestrationDispatcherCount => 1;

    /// <inheritdoc />
    public int MaxConcurrentTaskOrchestrationWorkItems => _settings.MaxConcurrentTaskOrchestrationWorkItems;

    /// <inheritdoc />
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

    /// <inheritdoc />
    public int TaskActivityDispatcherCount => 1;

    /// <inheritdoc />
    public int MaxConcurrentTaskActivityWorkItems => _settings.MaxConcurrentTaskActivityWorkItems;

    /// <summary>The worker lock file next to the database.</summary>
    internal string WorkerLockPath => _db.FilePath + ".worker-lock";

    internal SqliteDatabase Database => _db;

    /// <inheritdoc />
    public Task CreateAsync() => CreateAsync(recreateInstanceStore: true);

    /// <inheritdoc />
    public async Task CreateAsync(bool recreateInstanceStore)
    {
        if (recreateInstanceStore)
        {
            await DeleteAsync(deleteInstanceStore: true).ConfigureAwait(false);
        }
        else
        {
            _ = _db.Writer;
        }
    }

    /// <inheritdoc />
    public Task CreateIfNotExistsAsync() => CreateAsync(recreateInstanceStore: false);

    /// <inheritdoc />
    public Task DeleteAsync() => DeleteAsync(deleteInstanceStore: true);

    /// <inheritdoc />
    public Task DeleteAsync(bool deleteInstanceStore) =>
        _db.Writer.WriteAsync(
            connection =>
            {
                connection.Execute("DELETE FROM messages");
                connection.Execute("DELETE FROM tasks");
                if (deleteInstanceStore)
                {
                    connection.Execute("DELETE FROM instances");
                    connection.Execute("DELETE FROM history");
                    connection.Execute("DELETE FROM poison_messages");
                }
            },
            client: true);

    /// <inheritdoc />
    public async Task StartAsync()
    {
        var writer = _db.Writer;
        if (_workerLock is not null)
        {
            return;
        }

        _workerLock = AcquireWorkerLock();
        try
        {
            var (messages, tasks) = await writer.WriteAsync(LoadPending, loaded =>
            {
                _started = true;
                foreach (var message in loaded.Messages)
                {
                    Deliver(message);
                }

                foreach (var task in loaded.Tasks)
                {
                    _activities.Enqueue(task);
                }
            }).ConfigureAwait(false);
            _logger.WorkerStarted(_db.FilePath, messages.Count, tasks.Count);
        }
        catch
        {
            await _workerLock.DisposeAsync().ConfigureAwait(false);
            _workerLock = null;
            throw;
        }

        _stop = new CancellationTokenSource();
        _background = Task.WhenAll(
            Task.Run(() => TimerLoopAsync(_stop.Token), CancellationToken.None),
            Task.Run(() => PollLoopAsync(_stop.Token), CancellationToken.None));
    }

    /// <inheritdoc />
    public Task StopAsync() => StopAsync(isForced: false);

    /// <inheritdoc />
    public async Task StopAsync(bool isForced)
    {
        if (_workerLock is null)
        {
            return;
        }

        await _db.Writer.WriteAsync(_ => { }, () => _started = false).ConfigureAwait(false);
        await _stop!.CancelAsync().ConfigureAwait(false);
        await _background!.ConfigureAwait(false);
        _stop.Dispose();
        _stop = null;
        lock (_sync)
        {
            foreach (var entry in _instances.Values)
            {
                entry.SessionWaiter?.TrySetResult(false);
            }

            _instances.Clear();
            _timers.Clear();
        }

        _readyInstances.ReleaseWaiters();
        _readyInstances.Clear();
        _activities.ReleaseWaiters();
        _activities.Clear();
        _activitiesInFlight.Clear();
        await _workerLock.DisposeAsync().ConfigureAwait(false);
        _workerLock = null;
    }

    /// <summary>Stops the worker if it runs and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(isForced: true).ConfigureAwait(false);
        await _db.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

    /// <inheritdoc />
    /// <remarks>
    /// Any positive value makes the dispatcher wait before every following fetch until several items succeed, so only
    /// real transient faults of the file (busy, locked, I/O, disk full) back off.
    /// </remarks>
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => IsTransient(exception) ? 1 : 0;

    /// <inheritdoc />
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) =>
        exception is OperationCanceledException or ObjectDisposedException ? 0 : 1;

    private static bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 } || exception.InnerException is { } inner && IsTransient(inner);

    private FileStream AcquireWorkerLock()
    {
        try
        {
            // FileShare.None is an exclusive lock the OS drops when the process dies, so a restarted worker starts at once.
            return new FileStream(WorkerLockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another worker already runs on the SQLite file '{_db.FilePath}' (it holds '{WorkerLockPath}'). "
                + "Only one worker process may run per file; stop the other one, or use this process as a client only (do not start a worker).",
                ex);
        }
    }

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static long ToUnixMs(DateTime time) =>
        time == default ? 0 : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    private static DateTime FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;

    private static bool IsTerminal(OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;
}
