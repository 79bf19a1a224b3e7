using DocPipeline.Durable.Store;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Durable.Sqlite;

/// <summary>Chooses the embedded SQLite store.</summary>
public static class SqliteDurableTaskBuilderExtensions
{
    /// <summary>Uses one SQLite file as the store.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the file path and durability.</param>
    public static DurableTaskBuilder UseSqlite(this DurableTaskBuilder builder, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SqliteStoreOptions();
        configure?.Invoke(options);
        builder.Services.AddSingleton<IOrchestrationStore>(sp => new SqliteOrchestrationStore(options, sp.GetService<TimeProvider>()));
        return builder;
    }
}
