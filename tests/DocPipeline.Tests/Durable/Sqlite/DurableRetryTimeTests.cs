using DocPipeline.Durable;
using DocPipeline.Durable.History;
using Microsoft.Extensions.Time.Testing;

namespace DocPipeline.Tests.Durable.Sqlite;

/// <summary>Retry backoff through the real worker and store, on a fake clock: no real waiting.</summary>
public sealed class DurableRetryTimeTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task RetryBackoff_FakeClock_WaitsExactlyThePolicyIntervalsAndSurvivesARestart()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var attempts = 0;
        Action<DurableTaskRegistry> register = r => r
            .AddActivityFunc<string, string>("Flaky", (_, _) => Interlocked.Increment(ref attempts) <= 2 ? throw new TimeoutException("busy") : Task.FromResult("ok"))
            .AddOrchestratorFunc<object?, string>("Retrying", (ctx, _) =>
                ctx.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(10), backoffCoefficient: 2))));

        var host = await DurableTestHost.StartAsync(_database.CreateStore(time), register, time: time);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", null, new StartOrchestrationOptions("retry-1"));

        var firstTimer = await WaitForTimerAsync(host, 1);
        Assert.Equal(TimeSpan.FromSeconds(10), firstTimer.FireAt!.Value - firstTimer.Timestamp);

        // Restart the worker during the backoff: the durable timer is not lost or reset.
        await host.DisposeAsync();
        host = await DurableTestHost.StartAsync(_database.CreateStore(time), register, time: time);
        time.Advance(TimeSpan.FromSeconds(10));

        var secondTimer = await WaitForTimerAsync(host, 2);
        Assert.Equal(TimeSpan.FromSeconds(20), secondTimer.FireAt!.Value - secondTimer.Timestamp);
        time.Advance(TimeSpan.FromSeconds(20));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await host.Client.WaitForInstanceCompletionAsync("retry-1", true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, attempts);
        await host.DisposeAsync();
    }

    public void Dispose() => _database.Dispose();

    private static async Task<HistoryEvent> WaitForTimerAsync(DurableTestHost host, int count)
    {
        HistoryEvent? timer = null;
        await host.WaitUntilAsync(async () =>
        {
            var timers = (await host.Client.GetHistoryAsync("retry-1")).Where(e => e.EventType == HistoryEventType.TimerCreated).ToList();
            timer = timers.Count >= count ? timers[count - 1] : null;
            return timer is not null;
        });
        return timer!;
    }
}
