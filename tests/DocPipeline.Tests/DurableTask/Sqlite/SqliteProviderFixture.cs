using DocPipeline.DurableTask.Sqlite;
using DocPipeline.Tests.DurableTask.Conformance;
using DurableTask.Core;

namespace DocPipeline.Tests.DurableTask.Sqlite;

/// <summary>The SQLite provider on a new file in a temporary directory.</summary>
public sealed class SqliteProviderFixture : ProviderFixture
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "docpipeline-dtfx-" + Guid.NewGuid().ToString("N"));

    public SqliteOrchestrationService Sqlite => (SqliteOrchestrationService)Service;

    public override bool SupportsRewind => true;

    public override Task RewindAsync(string instanceId, string reason) => Sqlite.RewindTaskOrchestrationAsync(instanceId, reason);

    protected override Task<IOrchestrationService> CreateServiceAsync() =>
        Task.FromResult<IOrchestrationService>(new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings
        {
            DatabasePath = Path.Combine(_directory, "durabletask.db"),
        }));

    protected override async Task DisposeServiceAsync()
    {
        await Sqlite.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
