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

    [Fact]
    public async Task BelowNormalPriority_ActivityThreadsRunAtNiceTenOnLinux()
    {
        await using var host = await DurableTestHost.StartAsync(
            _database.CreateStore(),
            r => r
                .AddActivityFunc<string, int>("Nice", (_, _) => Task.FromResult(CurrentThreadNice()))
                .AddOrchestratorFunc<object?, int>("ActivityNice", (ctx, _) => ctx.CallActivityAsync<int>("Nice", "x")),
            o =>
            {
                o.DedicatedActivityThreads = 1;
                o.ActivityThreadPriority = ThreadPriority.BelowNormal;
            });

        var result = await host.RunAsync("ActivityNice");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(10, result.ReadOutputAs<int>());

        // Only the activity threads: the rest of the process keeps its priority.
        Assert.Equal(0, CurrentThreadNice());
    }

    /// <summary>Field 19 of /proc/thread-self/stat; the fields after the parenthesised name start at field 3.</summary>
    private static int CurrentThreadNice()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[19 - 3], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _database.Dispose();
}
