using System.Collections.Concurrent;
using System.Diagnostics;
using DocPipeline.DurableTask.Sqlite;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace DocPipeline.Bench;

/// <summary>The scenarios on the Durable Task Framework engine (TaskHubWorker) over the SQLite provider.</summary>
internal static class DtfxBench
{
    private static readonly DurableTaskShimFactory Shims = new();
    private static readonly ConcurrentQueue<long> Stamps = new();

    public static async Task<BenchResult> RunAsync(BenchArguments arguments)
    {
        var directory = Path.Combine(Path.GetTempPath(), "docpipeline-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        Stamps.Clear();
        var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings
        {
            DatabasePath = Path.Combine(directory, "bench.db"),
            Durability = arguments.Durability,
        });
        await service.CreateIfNotExistsAsync();
        var worker = new TaskHubWorker(service);
        worker.AddTaskOrchestrations(
            new Creator<TaskOrchestration>("Sequential", () => Shims.CreateOrchestration("Sequential", new Sequential())),
            new Creator<TaskOrchestration>("FanOut", () => Shims.CreateOrchestration("FanOut", new FanOut())),
            new Creator<TaskOrchestration>("HelloSequence5", () => Shims.CreateOrchestration("HelloSequence5", new HelloSequence5())));
        worker.AddTaskActivities(new Creator<TaskActivity>("Noop", () => Shims.CreateActivity("Noop", new Noop())));
        await worker.StartAsync();
        var client = new TaskHubClient(service, new SdkDataConverter());
        try
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            List<double> latencies;
            int activities;
            switch (arguments.Scenario)
            {
                case "sequential":
                case "fanout":
                {
                    var name = arguments.Scenario == "sequential" ? "Sequential" : "FanOut";
                    var instance = await client.CreateOrchestrationInstanceAsync(name, string.Empty, Guid.NewGuid().ToString("N"), arguments.Count);
                    var state = await client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(10), CancellationToken.None);
                    if (state?.OrchestrationStatus != OrchestrationStatus.Completed)
                    {
                        throw new InvalidOperationException($"{name} ended {state?.OrchestrationStatus}: {state?.Output}");
                    }

                    activities = arguments.Count;
                    latencies = arguments.Scenario == "sequential" ? Gaps(start) : Stamps.Select(s => Stopwatch.GetElapsedTime(start, s).TotalMilliseconds).ToList();
                    break;
                }

                default:
                {
                    var instances = new List<OrchestrationInstance>(arguments.Count);
                    for (var i = 0; i < arguments.Count; i++)
                    {
                        instances.Add(await client.CreateOrchestrationInstanceAsync("HelloSequence5", string.Empty, Guid.NewGuid().ToString("N"), i));
                    }

                    latencies = [];
                    foreach (var instance in instances)
                    {
                        var state = await client.WaitForOrchestrationAsync(instance, TimeSpan.FromMinutes(10), CancellationToken.None);
                        latencies.Add((state.CompletedTime - state.CreatedTime).TotalMilliseconds);
                    }

                    activities = arguments.Count * 5;
                    break;
                }
            }

            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            latencies.Sort();
            return new BenchResult(
                arguments.Scenario,
                "sqlite",
                arguments.Count,
                Math.Round(seconds, 3),
                Math.Round(arguments.Count / seconds, 1),
                Math.Round(Percentile(latencies, 0.50), 2),
                Math.Round(Percentile(latencies, 0.99), 2),
                arguments.Durability == SqliteDurability.Full ? "synchronous=FULL" : "synchronous=NORMAL")
            {
                Engine = "dtfx",
                CpuMicrosecondsPerActivity = Math.Round(cpu.TotalMicroseconds / activities, 1),
            };
        }
        finally
        {
            await worker.StopAsync(isForced: true);
            await service.DisposeAsync();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is harmless.
            }
        }
    }

    private static List<double> Gaps(long start)
    {
        var list = new List<double>();
        var previous = start;
        foreach (var stamp in Stamps)
        {
            list.Add(Stopwatch.GetElapsedTime(previous, stamp).TotalMilliseconds);
            previous = stamp;
        }

        return list;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed class Noop : Microsoft.DurableTask.TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input)
        {
            Stamps.Enqueue(Stopwatch.GetTimestamp());
            return Task.FromResult(input);
        }
    }

    private sealed class Sequential : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            for (var i = 0; i < input; i++)
            {
                await context.CallActivityAsync<int>("Noop", i);
            }

            return input;
        }
    }

    private sealed class FanOut : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var tasks = new Task<int>[input];
            for (var i = 0; i < input; i++)
            {
                tasks[i] = context.CallActivityAsync<int>("Noop", i);
            }

            return (await Task.WhenAll(tasks)).Length;
        }
    }

    private sealed class HelloSequence5 : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            for (var i = 0; i < 5; i++)
            {
                await context.CallActivityAsync<int>("Noop", i);
            }

            return 5;
        }
    }

    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }

    private sealed class SdkDataConverter : global::DurableTask.Core.Serializing.DataConverter
    {
        public override string Serialize(object value) => Microsoft.DurableTask.Converters.JsonDataConverter.Default.Serialize(value)!;

        public override string Serialize(object value, bool formatted) => Serialize(value);

        public override object Deserialize(string data, Type objectType) =>
            Microsoft.DurableTask.Converters.JsonDataConverter.Default.Deserialize(data, objectType)!;
    }
}
