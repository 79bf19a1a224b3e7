using DocPipeline.Tests.DurableTask.Conformance;

namespace DocPipeline.Tests.DurableTask.Sqlite;

/// <summary>The provider conformance suite on the SQLite provider.</summary>
public sealed class SqliteConformanceTests(SqliteProviderFixture fixture)
    : ProviderConformanceTests<SqliteProviderFixture>(fixture), IClassFixture<SqliteProviderFixture>;
