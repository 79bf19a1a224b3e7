using System.Globalization;
using DocPipeline.Durable;
using DocPipeline.Durable.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.TestWorker;

/// <summary>
/// Runs a sequence orchestration whose activities record each execution in a side table of the same SQLite file.
/// Usage: <c>DocPipeline.TestWorker &lt;db&gt; &lt;start|resume&gt; &lt;instanceIds,comma-separated&gt; &lt;steps&gt; &lt;stepDelayMs&gt; &lt;leaseSeconds&gt;</c>.
/// Exits 0 once the instance completed.
/// </summary>
public static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 6)
        {
            await Console.Error.WriteLineAsync("usage: <db> <start|resume> <instanceId> <steps> <stepDelayMs> <leaseSeconds>");
            return 2;
        }

        var (db, mode) = (args[0], args[1]);
        var instanceIds = args[2].Split(',', StringSplitOptions.RemoveEmptyEntries);
        var steps = int.Parse(args[3], CultureInfo.InvariantCulture);
        var delay = TimeSpan.FromMilliseconds(int.Parse(args[4], CultureInfo.InvariantCulture));
        var lease = TimeSpan.FromSeconds(int.Parse(args[5], CultureInfo.InvariantCulture));

        await using (var side = new SqliteConnection($"Data Source={db};Default Timeout=30"))
        {
            await side.OpenAsync();
            using var create = side.CreateCommand();
            create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS side_effects (instance_id TEXT NOT NULL, step INTEGER NOT NULL, pid INTEGER NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTask(b =>
        {
            b.UseSqlite(o => o.Path = db);
            b.Registry
                .AddActivityFunc<int, int>("Step", async (context, step, ct) =>
                {
                    await using var connection = new SqliteConnection($"Data Source={db};Default Timeout=30");
                    await connection.OpenAsync(ct);
                    using var insert = connection.CreateCommand();
                    insert.CommandText = "INSERT INTO side_effects (instance_id, step, pid) VALUES ($instance, $step, $pid)";
                    insert.Parameters.AddWithValue("$instance", context.InstanceId);
                    insert.Parameters.AddWithValue("$step", step);
                    insert.Parameters.AddWithValue("$pid", Environment.ProcessId);
                    await insert.ExecuteNonQueryAsync(ct);
                    await Task.Delay(delay, ct);
                    return step;
                })
                .AddOrchestratorFunc<int, int>("Sequence", async (ctx, n) =>
                {
                    var sum = 0;
                    for (var i = 0; i < n; i++)
                    {
                        sum += await ctx.CallActivityAsync<int>("Step", i);
                    }

                    return sum;
                });
        });
        services.Configure<DurableTaskOptions>(o =>
        {
            o.LeaseDuration = lease;
            o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
        });
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        var client = provider.GetRequiredService<DurableTaskClient>();
        if (mode == "start")
        {
            foreach (var id in instanceIds)
            {
                await client.ScheduleNewOrchestrationInstanceAsync("Sequence", steps, new StartOrchestrationOptions(id));
            }
        }

        await worker.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var failed = 0;
        foreach (var id in instanceIds)
        {
            var result = await client.WaitForInstanceCompletionAsync(id, false, timeout.Token);
            Console.WriteLine($"{id} {result.RuntimeStatus}");
            failed += result.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? 0 : 1;
        }

        await worker.StopAsync(CancellationToken.None);
        return failed == 0 ? 0 : 1;
    }
}
