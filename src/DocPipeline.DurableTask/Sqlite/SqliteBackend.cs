using Microsoft.Extensions.Logging;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>The embedded backend: DocPipeline's SQLite provider on one file, the default when no storage account is set.</summary>
public static class SqliteBackend
{
    /// <summary>The database file's name inside the data folder.</summary>
    public const string DatabaseFileName = "durabletask.db";

    /// <summary>Provider settings for a data folder, with the host's concurrency limits.</summary>
    /// <param name="options">The host options (host.json <c>extensions.durableTask</c>).</param>
    /// <param name="dataPath">The data folder; the database is <see cref="DatabaseFileName"/> inside it.</param>
    /// <param name="durability">The commit durability; the provider's default when null.</param>
    public static SqliteOrchestrationServiceSettings CreateSettings(DurableTaskHostOptions options, string dataPath, SqliteDurability? durability = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(dataPath);
        var settings = new SqliteOrchestrationServiceSettings
        {
            DatabasePath = Path.Combine(dataPath, DatabaseFileName),
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
        };
        settings.Durability = durability ?? settings.Durability;
        return settings;
    }

    /// <summary>Creates the backend on a data folder.</summary>
    /// <param name="options">The host options.</param>
    /// <param name="dataPath">The data folder.</param>
    /// <param name="durability">The commit durability; the provider's default when null.</param>
    /// <param name="loggerFactory">Logs.</param>
    public static DurableTaskBackend Create(DurableTaskHostOptions options, string dataPath, SqliteDurability? durability = null, ILoggerFactory? loggerFactory = null)
    {
        var settings = CreateSettings(options, dataPath, durability);
        var service = new SqliteOrchestrationService(settings, loggerFactory);
        return new DurableTaskBackend(service, service, $"SQLite, {Path.GetFullPath(settings.DatabasePath)} ({settings.Durability})", service.RewindTaskOrchestrationAsync);
    }
}
