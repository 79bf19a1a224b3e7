using DocPipeline.Durable.Sqlite;

namespace DocPipeline.Tests.Durable.Sqlite;

/// <summary>A SQLite store file in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "docpipeline-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, "store.db");
    }

    public string Directory { get; }

    public string FilePath { get; }

    public SqliteOrchestrationStore CreateStore(TimeProvider? time = null, SqliteDurability durability = SqliteDurability.Normal) =>
        new(new SqliteStoreOptions { Path = FilePath, Durability = durability }, time);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
