using DocPipeline.Durable;
using DocPipeline.Durable.Sqlite;

namespace DocPipeline.Tests.Durable.Sqlite;

/// <summary>Write-ahead-log checkpoints run in the background, not inside commits.</summary>
public sealed class SqliteCheckpointTests : IDisposable
{
    private const int Instances = 100;
    private const int InputChars = 3000;
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task BackgroundCheckpoints_MoveCommittedPagesIntoTheDatabaseFile()
    {
        await using var store = new SqliteOrchestrationStore(new SqliteStoreOptions { Path = _database.FilePath, CheckpointInterval = TimeSpan.FromMilliseconds(50) });
        var initial = await WriteInstancesAsync(store);

        // The store turns SQLite's own checkpoints off when it runs them in the background: only that task can have
        // moved these pages out of the write-ahead log.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (new FileInfo(_database.FilePath).Length < initial + (Instances * InputChars / 2))
        {
            await Task.Delay(20, timeout.Token);
        }

        var client = new DurableTaskClient(store);
        Assert.NotNull(await client.GetInstanceAsync($"cp-{Instances - 1}"));
    }

    private static async Task<long> WriteInstancesAsync(SqliteOrchestrationStore store)
    {
        await store.InitializeAsync();
        var initial = new FileInfo(store.FilePath).Length;
        var client = new DurableTaskClient(store);
        var input = new string('x', InputChars);
        for (var i = 0; i < Instances; i++)
        {
            await client.ScheduleNewOrchestrationInstanceAsync("Any", input, new StartOrchestrationOptions($"cp-{i}"));
        }

        return initial;
    }

    public void Dispose() => _database.Dispose();
}
