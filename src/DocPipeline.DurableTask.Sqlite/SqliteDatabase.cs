using Microsoft.Data.Sqlite;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>
/// The database file: one writer connection owned by <see cref="WriteBatcher"/> and a pool of reader connections
/// (WAL lets readers run beside the writer). Statements are kept prepared per connection.
/// </summary>
internal sealed partial class SqliteDatabase : IAsyncDisposable
{
    internal const int SchemaVersion = 1;
    private readonly SqliteOrchestrationServiceSettings _settings;
    private readonly string _connectionString;
    private readonly System.Collections.Concurrent.ConcurrentBag<PreparedConnection> _readers = [];
    private readonly Lock _initLock = new();
    private WriteBatcher? _writer;
    private int _disposed;

    public SqliteDatabase(SqliteOrchestrationServiceSettings settings)
    {
        _settings = settings;
        FilePath = Path.GetFullPath(settings.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds),
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>The writer; opening it creates the file and the schema on first use.</summary>
    public WriteBatcher Writer
    {
        get
        {
            if (Volatile.Read(ref _writer) is { } writer)
            {
                return writer;
            }

            lock (_initLock)
            {
                ObjectDisposedException.ThrowIf(_disposed == 1, this);
                if (_writer is null)
                {
                    var directory = Path.GetDirectoryName(FilePath);
                    if (!string.IsNullOrEmpty(directory))
                    {
                        Directory.CreateDirectory(directory);
                    }

                    var connection = Open();
                    try
                    {
                        CreateSchema(connection);
                    }
                    catch
                    {
                        connection.Dispose();
                        throw;
                    }

                    Volatile.Write(ref _writer, new WriteBatcher(new PreparedConnection(connection), _settings.MaxWriteBatchSize));
                    StartCheckpoints();
                }

                return _writer;
            }
        }
    }

    /// <summary>Runs a read on a pooled reader connection.</summary>
    public T Read<T>(Func<PreparedConnection, T> read)
    {
        _ = Writer;
        if (!_readers.TryTake(out var reader))
        {
            reader = new PreparedConnection(Open());
        }

        var healthy = false;
        try
        {
            var result = read(reader);
            healthy = true;
            return result;
        }
        finally
        {
            if (healthy && _readers.Count < 16 && _disposed == 0)
            {
                _readers.Add(reader);
            }
            else
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>Reads a PRAGMA of a new connection, as every connection of this database is configured.</summary>
    public string? ReadPragma(string name) =>
        Read(reader => reader.Scalar($"PRAGMA {name};")?.ToString());

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopCheckpointsAsync().ConfigureAwait(false);
        WriteBatcher? writer;
        lock (_initLock)
        {
            writer = _writer;
        }

        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var synchronous = _settings.Durability == SqliteDurability.Full ? "FULL" : "NORMAL";
        using var command = connection.CreateCommand();
        command.CommandText =
            $"PRAGMA busy_timeout={(long)_settings.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=OFF;";
        command.ExecuteNonQuery();
        return connection;
    }

    private void CreateSchema(SqliteConnection connection)
    {
        try
        {
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                var mode = wal.ExecuteScalar() as string;
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"The SQLite file '{FilePath}' could not be switched to WAL mode (it reports '{mode}'). Is it on a network file system?");
                }
            }

            using var tx = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = Schema;
            command.ExecuteNonQuery();
            command.CommandText = "SELECT value FROM meta WHERE key = 'schema_version'";
            var existing = command.ExecuteScalar() as string;
            if (existing is null)
            {
                command.CommandText = $"INSERT INTO meta(key, value) VALUES ('schema_version', '{SchemaVersion}')";
                command.ExecuteNonQuery();
            }
            else if (existing != SchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                throw new InvalidOperationException(
                    $"The SQLite file '{FilePath}' has Durable Task schema version {existing}; this build understands version {SchemaVersion}.");
            }

            tx.Commit();
            if (_settings.EffectiveCheckpointInterval > TimeSpan.Zero)
            {
                using var autoCheckpoint = connection.CreateCommand();
                autoCheckpoint.CommandText = "PRAGMA wal_autocheckpoint=0;";
                autoCheckpoint.ExecuteNonQuery();
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 or 11)
        {
            throw new InvalidOperationException($"'{FilePath}' is not a SQLite Durable Task store (SQLite says: {ex.Message}).", ex);
        }
    }

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS instances (
            instance_id TEXT PRIMARY KEY,
            execution_id TEXT NOT NULL,
            name TEXT NOT NULL,
            version TEXT,
            status INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            completed_at INTEGER,
            scheduled_start_at INTEGER,
            input TEXT,
            output TEXT,
            custom_status TEXT,
            failure TEXT,
            parent TEXT,
            tags TEXT,
            generation INTEGER);
        CREATE INDEX IF NOT EXISTS ix_instances_created ON instances(created_at, instance_id);
        CREATE TABLE IF NOT EXISTS history (
            instance_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            execution_id TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (instance_id, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            visible_at INTEGER NOT NULL,
            pickup INTEGER NOT NULL,
            payload TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_messages_pickup ON messages(id) WHERE pickup = 1;
        CREATE INDEX IF NOT EXISTS ix_messages_instance ON messages(instance_id);
        CREATE TABLE IF NOT EXISTS tasks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            pickup INTEGER NOT NULL,
            payload TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_tasks_pickup ON tasks(id) WHERE pickup = 1;
        CREATE INDEX IF NOT EXISTS ix_tasks_instance ON tasks(instance_id);
        CREATE TABLE IF NOT EXISTS poison_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            instance_id TEXT NOT NULL,
            queue TEXT NOT NULL,
            delivery_count INTEGER NOT NULL,
            reason TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            payload TEXT NOT NULL);
        """;
}
