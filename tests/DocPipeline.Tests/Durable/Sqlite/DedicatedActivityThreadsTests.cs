using DocPipeline.Durable;

namespace DocPipeline.Tests.Durable.Sqlite;

/// <summary>Activity code on dedicated threads, awaits included, when the worker is asked to.</summary>
public sealed class DedicatedActivityThreadsTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task DedicatedActivityThreads_ActivityRunsAndResumesOnThem()
    {
        await using var host = await DurableTestHost.StartAsync(
            _database.CreateStore(),
            r => r
                .AddActivityFunc<string, string>("WhereAmI", async (_, _) =>
                {
                    var before = Thread.CurrentThread.Name;
                    await Task.Yield();
                    return $"{before}|{Thread.CurrentThread.Name}";
                })
                .AddOrchestratorFunc<object?, string>("Where", (ctx, _) => ctx.CallActivityAsync<string>("WhereAmI", "x")),
            o => o.DedicatedActivityThreads = 1);

        var result = await host.RunAsync("Where");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("DocPipeline activity|DocPipeline activity", result.ReadOutputAs<string>());
    }

    public void Dispose() => _database.Dispose();
}
