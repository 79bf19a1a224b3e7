namespace DocPipeline.Durable.Sqlite;

/// <summary>Options of the embedded SQLite store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file. Default: <c>.docpipeline/docpipeline.db</c> under the current directory.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(".docpipeline", "docpipeline.db");

    /// <summary>
    /// The durability of each commit. Default: <see cref="SqliteDurability.Normal"/>, which survives the process being
    /// killed at any point; a power loss may roll back the last commits, so those steps run again (activities are
    /// at-least-once). Use <see cref="SqliteDurability.Full"/> to fsync every commit.
    /// </summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Normal;

    /// <summary>How long a write waits for another process holding the file's write lock. Default: 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a background task moves committed pages from the write-ahead log into the database file. Left to
    /// SQLite, that checkpoint runs inside whichever commit crosses the log's size limit, and that commit (often a
    /// start someone is waiting on) takes milliseconds longer. <see cref="TimeSpan.Zero"/> leaves checkpoints to
    /// SQLite. Default (null): 250 ms at <see cref="SqliteDurability.Normal"/>; at <see cref="SqliteDurability.Full"/>,
    /// where every commit waits for the disk anyway, SQLite's own checkpoints measured faster (docs/benchmarks.md).
    /// </summary>
    public TimeSpan? CheckpointInterval { get; set; }

    /// <summary>The checkpoint interval in effect.</summary>
    internal TimeSpan EffectiveCheckpointInterval =>
        CheckpointInterval ?? (Durability == SqliteDurability.Normal ? TimeSpan.FromMilliseconds(250) : TimeSpan.Zero);

    /// <summary>
    /// On Linux with glibc, keep freed native memory in the process instead of returning it after every statement
    /// (see the store's documentation; it roughly halves the CPU cost of a step). Process-wide. Default true.
    /// </summary>
    public bool TuneNativeAllocator { get; set; } = true;
}
