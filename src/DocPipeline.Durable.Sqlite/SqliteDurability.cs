namespace DocPipeline.Durable.Sqlite;

/// <summary>How hard each commit is pushed to disk (SQLite's <c>synchronous</c> setting, in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>
    /// <c>synchronous=NORMAL</c>: a commit survives the process being killed; the last commits before a power loss
    /// or OS crash may be lost (the file stays consistent).
    /// </summary>
    Normal,

    /// <summary><c>synchronous=FULL</c>: every commit is fsync'd and survives power loss.</summary>
    Full,
}
