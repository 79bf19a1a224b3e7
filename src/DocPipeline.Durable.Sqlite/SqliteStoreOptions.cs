namespace DocPipeline.Durable.Sqlite;

/// <summary>Options of the embedded SQLite store.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file. Default: <c>.docpipeline/docpipeline.db</c> under the current directory.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(".docpipeline", "docpipeline.db");

    /// <summary>The durability of each commit. Default: <see cref="SqliteDurability.Full"/>.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;

    /// <summary>How long a write waits for another process holding the file's write lock. Default: 30 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
