using DocPipeline.Durable.Store;
using DocPipeline.Tests.Durable.Conformance;

namespace DocPipeline.Tests.Durable.Sqlite;

/// <summary>The store conformance suite on a real SQLite file.</summary>
public sealed class SqliteStoreConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly TempDatabase _database = new();

    protected override IOrchestrationStore CreateStore(TimeProvider? time = null) => _database.CreateStore(time);

    public void Dispose() => _database.Dispose();
}
