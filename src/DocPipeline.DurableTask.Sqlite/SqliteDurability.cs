namespace DocPipeline.DurableTask.Sqlite;

/// <summary>How much each commit waits for the disk.</summary>
public enum SqliteDurability
{
    /// <summary>
    /// <c>synchronous=NORMAL</c> in WAL mode: a killed process loses nothing; a power loss may roll back the last
    /// commits, so those steps run again (activities are at-least-once anyway).
    /// </summary>
    Normal,

    /// <summary><c>synchronous=FULL</c>: every commit is fsynced before it is acknowledged.</summary>
    Full,
}
