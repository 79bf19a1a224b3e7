namespace DocPipeline.DurableTask.Sqlite;

/// <summary>Settings of <see cref="SqliteOrchestrationService"/>.</summary>
public sealed class SqliteOrchestrationServiceSettings
{
    /// <summary>The database file. Default: <c>.docpipeline/durabletask.db</c> under the current directory.</summary>
    public string DatabasePath { get; set; } = Path.Combine(".docpipeline", "durabletask.db");

    /// <summary>Commit durability. Default: <see cref="SqliteDurability.Normal"/>.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Normal;

    /// <summary>How many orchestration work items run at once. Default: 100.</summary>
    public int MaxConcurrentTaskOrchestrationWorkItems { get; set; } = 100;

    /// <summary>How many activities run at once. Default: 10 per processor.</summary>
    public int MaxConcurrentTaskActivityWorkItems { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Keep an orchestration's runtime state in memory between its steps, so the engine does not replay the whole
    /// history on each step. Default: true.
    /// </summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>How long an extended session waits for the next message before it is released. Default: 30 s.</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a message may be handed out and abandoned before it is treated as poison: it is moved to the
    /// <c>poison_messages</c> table and the work it belonged to fails with a reason naming the table row. Default: 10.
    /// </summary>
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>
    /// How often a running worker looks for work written by another process (a client-only instance of this service,
    /// such as a command-line tool). Work created in the worker's own process wakes it at once. Default: 500 ms.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a write waits for another process holding the file's write lock. Default: 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a background task checkpoints the write-ahead log. Default (null): 250 ms at
    /// <see cref="SqliteDurability.Normal"/>, so no commit pays for a checkpoint; at <see cref="SqliteDurability.Full"/>
    /// SQLite's own checkpoints (measured faster there). <see cref="TimeSpan.Zero"/> always leaves them to SQLite.
    /// </summary>
    public TimeSpan? CheckpointInterval { get; set; }

    /// <summary>The most write operations committed together in one transaction (group commit). Default: 256.</summary>
    public int MaxWriteBatchSize { get; set; } = 256;

    /// <summary>
    /// On Linux with glibc, keep freed native memory in the process instead of returning it after every statement
    /// (SQLite's temporary b-trees made that a large part of a small transaction's cost). Process-wide. Default: true.
    /// </summary>
    public bool TuneNativeAllocator { get; set; } = true;

    /// <summary>The checkpoint interval in effect.</summary>
    internal TimeSpan EffectiveCheckpointInterval =>
        CheckpointInterval ?? (Durability == SqliteDurability.Normal ? TimeSpan.FromMilliseconds(250) : TimeSpan.Zero);

    /// <summary>Throws if a setting is out of range.</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(DatabasePath, nameof(DatabasePath));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentTaskOrchestrationWorkItems, 1, nameof(MaxConcurrentTaskOrchestrationWorkItems));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentTaskActivityWorkItems, 1, nameof(MaxConcurrentTaskActivityWorkItems));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDeliveryCount, 1, nameof(MaxDeliveryCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxWriteBatchSize, 1, nameof(MaxWriteBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PollingInterval, TimeSpan.Zero, nameof(PollingInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(ExtendedSessionIdleTimeout, TimeSpan.Zero, nameof(ExtendedSessionIdleTimeout));
    }
}
