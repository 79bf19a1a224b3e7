using System.Diagnostics;
using DocPipeline.Durable;

namespace DocPipeline.Tests.Durable.Sqlite;

/// <summary>The batch window: woken by new work or results, the dispatchers let more arrive before acting.</summary>
public sealed class BatchWindowTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task BatchWindow_EachEpisodeWaitsForTheWindow_AndTheRunCompletes()
    {
        var window = TimeSpan.FromMilliseconds(100);
        await using var host = await DurableTestHost.StartAsync(
            _database.CreateStore(),
            r => r
                .AddActivityFunc<int, int>("Twice", (n, _) => Task.FromResult(n * 2))
                .AddOrchestratorFunc<int, int>("ThreeSteps", async (ctx, n) =>
                {
                    for (var i = 0; i < 3; i++)
                    {
                        n = await ctx.CallActivityAsync<int>("Twice", n);
                    }

                    return n;
                }),
            o => o.BatchWindow = window);

        var clock = Stopwatch.StartNew();
        var result = await host.RunAsync("ThreeSteps", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(8, result.ReadOutputAs<int>());

        // Four episodes (the start and three results), each claimed at least one window after its work arrived.
        Assert.True(clock.Elapsed >= window * 4, $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    public void Dispose() => _database.Dispose();
}
