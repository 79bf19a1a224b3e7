using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DocPipeline.Bench;
using DocPipeline.Durable;
using DocPipeline.Durable.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: <scenario> --store sqlite [--engine v1|dtfx] [--count N] [--durability full|normal] [--json]
// Scenarios: sequential (default 1000), fanout (default 5000), hello-sequence (default 1000).
var parsed = BenchArguments.Parse(args);
if (parsed.Error is not null)
{
    await Console.Error.WriteLineAsync(parsed.Error);
    await Console.Error.WriteLineAsync("usage: <sequential|fanout|hello-sequence> --store sqlite [--engine v1|dtfx] [--count N] [--durability full|normal] [--json]");
    return 2;
}

var arguments = parsed.Value!;
// Warm up so tiered JIT compilation is done before measuring.
BenchResult result;
if (arguments.Engine == "dtfx")
{
    await DtfxBench.RunAsync(arguments with { Count = Math.Min(arguments.Count, 500) });
    result = await DtfxBench.RunAsync(arguments);
}
else
{
    await RunScenarioAsync(arguments with { Count = Math.Min(arguments.Count, 500) }, quiet: true);
    result = await RunScenarioAsync(arguments, quiet: false);
}

Console.WriteLine(arguments.Json
    ? JsonSerializer.Serialize(result, BenchJson.Options)
    : string.Create(CultureInfo.InvariantCulture, $"{result.Scenario} on {result.Store}: {result.Operations} operations in {result.Seconds:F2} s = {result.PerSecond:F0}/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms ({result.Durability})"));
return 0;

static async Task<BenchResult> RunScenarioAsync(BenchArguments arguments, bool quiet)
{
    var directory = Path.Combine(Path.GetTempPath(), "docpipeline-bench", Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(directory);
    var stamps = new ConcurrentQueue<long>();
    var services = new ServiceCollection();
    services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
    services.AddDurableTask(b =>
    {
        b.UseSqlite(o =>
        {
            o.Path = Path.Combine(directory, "bench.db");
            o.Durability = arguments.Durability;
        });
        b.Registry
            .AddActivityFunc<int, int>("Noop", (x, _) =>
            {
                stamps.Enqueue(Stopwatch.GetTimestamp());
                return Task.FromResult(x);
            })
            .AddOrchestratorFunc<int, int>("Sequential", async (ctx, n) =>
            {
                for (var i = 0; i < n; i++)
                {
                    await ctx.CallActivityAsync<int>("Noop", i);
                }

                return n;
            })
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            {
                var tasks = new Task<int>[n];
                for (var i = 0; i < n; i++)
                {
                    tasks[i] = ctx.CallActivityAsync<int>("Noop", i);
                }

                return (await Task.WhenAll(tasks)).Length;
            })
            .AddOrchestratorFunc<int, int>("HelloSequence5", async (ctx, _) =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await ctx.CallActivityAsync<int>("Noop", i);
                }

                return 5;
            });
    });
    await using var provider = services.BuildServiceProvider();
    var worker = provider.GetRequiredService<DurableTaskWorker>();
    var client = provider.GetRequiredService<DurableTaskClient>();
    await worker.StartAsync(CancellationToken.None);
    try
    {
        var start = Stopwatch.GetTimestamp();
        List<double> latencies;
        switch (arguments.Scenario)
        {
            case "sequential":
            {
                var id = await client.ScheduleNewOrchestrationInstanceAsync("Sequential", arguments.Count);
                await client.WaitForInstanceCompletionAsync(id);
                latencies = Gaps(start, stamps);
                break;
            }

            case "fanout":
            {
                var id = await client.ScheduleNewOrchestrationInstanceAsync("FanOut", arguments.Count);
                await client.WaitForInstanceCompletionAsync(id);
                latencies = stamps.Select(s => Stopwatch.GetElapsedTime(start, s).TotalMilliseconds).ToList();
                break;
            }

            default:
            {
                var ids = new List<string>(arguments.Count);
                for (var i = 0; i < arguments.Count; i++)
                {
                    ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("HelloSequence5", i));
                }

                latencies = [];
                foreach (var id in ids)
                {
                    var done = await client.WaitForInstanceCompletionAsync(id);
                    latencies.Add((done.CompletedAt!.Value - done.CreatedAt).TotalMilliseconds);
                }

                break;
            }
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        latencies.Sort();
        return new BenchResult(
            arguments.Scenario,
            arguments.Store,
            arguments.Count,
            Math.Round(seconds, 3),
            Math.Round(arguments.Count / seconds, 1),
            Math.Round(Percentile(latencies, 0.50), 2),
            Math.Round(Percentile(latencies, 0.99), 2),
            arguments.Durability == SqliteDurability.Full ? "synchronous=FULL" : "synchronous=NORMAL");
    }
    finally
    {
        await worker.StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException) when (quiet || !quiet)
        {
        }
    }
}

// Per-step latency of a sequence: the time between one activity running and the next.
static List<double> Gaps(long start, IEnumerable<long> stamps)
{
    var list = new List<double>();
    var previous = start;
    foreach (var stamp in stamps)
    {
        list.Add(Stopwatch.GetElapsedTime(previous, stamp).TotalMilliseconds);
        previous = stamp;
    }

    return list;
}

static double Percentile(List<double> sorted, double p) =>
    sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
