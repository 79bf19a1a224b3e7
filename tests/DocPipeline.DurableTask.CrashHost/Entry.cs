using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocPipeline.DurableTask.CrashHost;

/// <summary>
/// A standalone engine host with the default settings, on the backend <c>AzureWebJobsStorage</c> names, running a
/// sequence orchestration whose activities append one line per execution to a log file.
/// Usage: <c>&lt;connection&gt; &lt;hub&gt; &lt;start|resume&gt; &lt;instanceId&gt; &lt;steps&gt; &lt;stepDelayMs&gt; &lt;log&gt;</c>.
/// Exits 0 once the instance completed.
/// </summary>
public static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 7)
        {
            await Console.Error.WriteLineAsync("usage: <connection> <hub> <start|resume> <instanceId> <steps> <stepDelayMs> <log>");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = args[0],
            ["extensions:durableTask:hubName"] = args[1],
        });
        builder.Logging.AddConsole().AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddSingleton(new StepSettings(TimeSpan.FromMilliseconds(int.Parse(args[5], CultureInfo.InvariantCulture)), args[6]));
        builder.Services.AddDurableTaskHost(builder.Configuration, b => b.AddOrchestrator<Sequence>("Sequence").AddActivity<Step>("Step"));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var instanceId = args[3];
        if (args[2] == "start")
        {
            await client.ScheduleNewOrchestrationInstanceAsync("Sequence", int.Parse(args[4], CultureInfo.InvariantCulture), new StartOrchestrationOptions(instanceId));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var result = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Console.WriteLine($"{instanceId} {result.RuntimeStatus} {result.SerializedOutput}");
        await host.StopAsync();
        return result.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
    }

    /// <summary>How long a step takes and where executions are logged.</summary>
    public sealed record StepSettings(TimeSpan Delay, string LogPath);

    /// <summary>Runs <c>Step</c> once per step number and sums the results.</summary>
    public sealed class Sequence : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var sum = 0;
            for (var i = 0; i < input; i++)
            {
                sum += await context.CallActivityAsync<int>("Step", i);
            }

            return sum;
        }
    }

    /// <summary>Appends "instance step pid unix-ms" to the log, then takes its time.</summary>
    public sealed class Step(StepSettings settings) : TaskActivity<int, int>
    {
        private static readonly SemaphoreSlim Gate = new(1, 1);

        public override async Task<int> RunAsync(TaskActivityContext context, int input)
        {
            await Gate.WaitAsync();
            try
            {
                await File.AppendAllTextAsync(settings.LogPath, string.Create(CultureInfo.InvariantCulture, $"{context.InstanceId} {input} {Environment.ProcessId} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}\n"));
            }
            finally
            {
                Gate.Release();
            }

            await Task.Delay(settings.Delay);
            return input;
        }
    }
}
