using DocPipeline.Durable.Store;
using Microsoft.Data.Sqlite;

namespace DocPipeline.Durable.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode; every step is one transaction. Several processes may share the
/// file: work is claimed under leases with <c>BEGIN IMMEDIATE</c>, so each message and work item has one owner at a time.
/// </summary>
public sealed partial class SqliteOrchestrationStore : IOrchestrationStore
{
    private const int SchemaVersion = 1;
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly string _connectionString;
    private readonly WriteGate _writeLock = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteConnection> _readers = [];
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingCreate> _pendingCreates = new();
    private SqliteConnection? _writer;
    private bool _initialized;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock; defaults to the system clock.</param>
    public SqliteOrchestrationStore(SqliteStoreOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        if (options.TuneNativeAllocator)
        {
            NativeAllocatorTuning.Apply();
        }

        var fullPath = System.IO.Path.GetFullPath(options.Path);
        FilePath = fullPath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <inheritdoc />
    public string Name => "sqlite";

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public WorkSignal OrchestrationSignal { get; } = new();

    /// <inheritdoc />
    public WorkSignal ActivitySignal { get; } = new();

    /// <inheritdoc />
    public WorkSignal StatusSignal { get; } = new();

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _writeLock.EnterAsync(client: false, cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var directory = System.IO.Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            _writer = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using (var wal = _writer.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                var mode = (string?)await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"The SQLite file '{FilePath}' could not be switched to WAL mode (it reports '{mode}'). Is it on a network file system?");
                }
            }

            await using (var tx = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                await ExecuteAsync(_writer, tx, Schema, cancellationToken).ConfigureAwait(false);
                using var version = _writer.CreateCommand();
                version.Transaction = tx;
                version.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
                var existing = await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                if (existing is null)
                {
                    version.CommandText = $"INSERT INTO meta(key, value) VALUES ('schema_version', '{SchemaVersion}')";
                    await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (existing != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException(
                        $"The SQLite file '{FilePath}' has schema version {existing}; this build understands version {SchemaVersion}. Use a matching DocPipeline version or a new file.");
                }

                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            await StartCheckpointsAsync(cancellationToken).ConfigureAwait(false);
            _initialized = true;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 or 11)
        {
            throw new InvalidOperationException($"'{FilePath}' is not a DocPipeline SQLite store (SQLite says: {ex.Message}).", ex);
        }
        finally
        {
            _writeLock.Exit();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopCheckpointsAsync().ConfigureAwait(false);
        await _writeLock.EnterAsync(client: false).ConfigureAwait(false);
        try
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _commands.Clear();
            if (_writer is not null)
            {
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }
        }
        finally
        {
            _writeLock.Exit();
        }

        while (_readers.TryTake(out var reader))
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS instances (
            instance_id TEXT PRIMARY KEY,
            execution_id TEXT NOT NULL,
            name TEXT NOT NULL,
            status INTEGER NOT NULL,
            input TEXT,
            output TEXT,
            custom_status TEXT,
            failure TEXT,
            parent_instance_id TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            completed_at INTEGER,
            version INTEGER NOT NULL,
            locked_by TEXT,
            locked_until INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS ix_instances_created ON instances(created_at);
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            execution_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (instance_id, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS inbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            execution_id TEXT,
            kind INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            dequeue_count INTEGER NOT NULL DEFAULT 0,
            payload TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_inbox_visible ON inbox(visible_at);
        CREATE INDEX IF NOT EXISTS ix_inbox_instance ON inbox(instance_id, id);
        CREATE TABLE IF NOT EXISTS work (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            execution_id TEXT NOT NULL,
            task_id INTEGER NOT NULL,
            name TEXT NOT NULL,
            input TEXT,
            visible_at INTEGER NOT NULL,
            locked_by TEXT,
            dequeue_count INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS ix_work_visible ON work(visible_at);
        CREATE INDEX IF NOT EXISTS ix_work_instance ON work(instance_id);
        CREATE TABLE IF NOT EXISTS poison (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            name TEXT,
            payload TEXT,
            dequeue_count INTEGER NOT NULL,
            reason TEXT NOT NULL,
            recorded_at INTEGER NOT NULL);
        """;

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var synchronous = _options.Durability == SqliteDurability.Full ? "FULL" : "NORMAL";
        var busy = (long)_options.BusyTimeout.TotalMilliseconds;
        await ExecuteAsync(connection, null, $"PRAGMA busy_timeout={busy}; PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=OFF;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        var command = Command(connection, tx, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (!ReferenceEquals(connection, _writer))
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A command on the writer connection, kept prepared between calls (re-preparing SQL dominates small
    /// transactions); on another connection, a new command the caller owns.
    /// </summary>
    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        SqliteCommand command;
        if (!ReferenceEquals(connection, _writer))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }
        else if (!_commands.TryGetValue(sql, out command!))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = tx;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE) on the writer connection; client calls
    /// (<paramref name="client"/>) go ahead of queued worker steps.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken, bool client = false)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);
        await _writeLock.EnterAsync(client, cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = _writer!;
            // Deferred transactions can fail with SQLITE_BUSY on upgrade when another process writes; IMMEDIATE waits instead.
            await using var tx = connection.BeginTransaction(deferred: false);
            var result = await work(connection, tx).ConfigureAwait(false);
            await tx.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writeLock.Exit();
        }
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken).ConfigureAwait(false);

        // Readers stay open (WAL lets them run beside the writer) so each read skips opening and setting pragmas.
        if (!_readers.TryTake(out var connection))
        {
            connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        var healthy = false;
        try
        {
            var result = await work(connection).ConfigureAwait(false);
            healthy = true;
            return result;
        }
        finally
        {
            if (healthy && _readers.Count < 8)
            {
                _readers.Add(connection);
            }
            else
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private Task EnsureInitializedAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _initialized) ? Task.CompletedTask : InitializeAsync(cancellationToken);

    private long Now() => ToUnixMs(_time.GetUtcNow().UtcDateTime);

    private static long ToUnixMs(DateTime time) =>
        (long)(DateTime.SpecifyKind(time, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;

    private static DateTime FromUnixMs(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);
}
