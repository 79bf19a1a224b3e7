using System.Diagnostics;
using DocPipeline.Durable;
using Microsoft.Data.Sqlite;

namespace DocPipeline.Tests.Durable.Sqlite;

/// <summary>
/// Real processes on a real SQLite file: a worker is killed with SIGKILL in the middle of a sequence, a new worker
/// finishes it, and the side table written by the activities shows no completed step ran twice.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const int Steps = 20;
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task SigkillMidSequence_NewWorkerCompletes_NoCompletedActivityRunsAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var first = StartWorker("start", "crash-1", stepDelayMs: 150);
        await WaitForSideEffectsAsync("crash-1", atLeast: 6, first, timeout.Token);

        first.Kill(entireProcessTree: true);
        await first.WaitForExitAsync(timeout.Token);
        var beforeKill = await ReadSideEffectsAsync("crash-1");
        Assert.InRange(beforeKill.Count, 6, Steps - 1);

        using var second = StartWorker("resume", "crash-1", stepDelayMs: 10);
        await second.WaitForExitAsync(timeout.Token);
        Assert.True(second.ExitCode == 0, $"the second worker failed: {await second.StandardError.ReadToEndAsync(timeout.Token)}");

        await using var store = _database.CreateStore();
        var instance = await new DurableTaskClient(store).GetInstanceAsync("crash-1", true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, Steps).Sum(), instance.ReadOutputAs<int>());

        var effects = await ReadSideEffectsAsync("crash-1");
        var runs = effects.GroupBy(e => e.Step).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, Steps), runs.Keys.Order());
        var repeated = runs.Where(r => r.Value > 1).Select(r => r.Key).ToList();
        // Only the step that was in flight when the worker died may run again, and only once more.
        Assert.True(repeated.Count <= 1, $"steps run more than once: {string.Join(", ", repeated)}");
        if (repeated.Count == 1)
        {
            Assert.Equal(beforeKill.Max(e => e.Step), repeated[0]);
            Assert.Equal(2, runs[repeated[0]]);
        }

        var firstPid = beforeKill[0].Pid;
        var completedBeforeKill = beforeKill.Select(e => e.Step).Where(s => s < beforeKill.Max(e => e.Step)).ToHashSet();
        Assert.All(effects.Where(e => e.Pid != firstPid), e => Assert.DoesNotContain(e.Step, completedBeforeKill));
    }

    [Fact]
    public async Task TwoProcessesOnOneFile_ShareTheWork_EachStepRunsOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ids = string.Join(',', Enumerable.Range(0, 4).Select(i => $"shared-{i}"));
        await using (var store = _database.CreateStore())
        {
            var client = new DurableTaskClient(store);
            foreach (var id in ids.Split(','))
            {
                await client.ScheduleNewOrchestrationInstanceAsync("Sequence", Steps, new StartOrchestrationOptions(id));
            }
        }

        using var a = StartWorker("resume", ids, stepDelayMs: 20);
        using var b = StartWorker("resume", ids, stepDelayMs: 20);
        await Task.WhenAll(a.WaitForExitAsync(timeout.Token), b.WaitForExitAsync(timeout.Token));

        Assert.True(a.ExitCode == 0, await a.StandardError.ReadToEndAsync(timeout.Token));
        Assert.True(b.ExitCode == 0, await b.StandardError.ReadToEndAsync(timeout.Token));
        for (var i = 0; i < 4; i++)
        {
            var effects = await ReadSideEffectsAsync($"shared-{i}");
            Assert.Equal(Enumerable.Range(0, Steps), effects.Select(e => e.Step).Order());
        }
    }

    public void Dispose() => _database.Dispose();

    private Process StartWorker(string mode, string instanceIds, int stepDelayMs)
    {
        var dll = TestPaths.ProjectDll("tests/DocPipeline.TestWorker", "DocPipeline.TestWorker");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, _database.FilePath, mode, instanceIds, Steps.ToString(System.Globalization.CultureInfo.InvariantCulture), stepDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture), "2" })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start the worker process");
    }

    private async Task WaitForSideEffectsAsync(string instanceId, int atLeast, Process worker, CancellationToken cancellationToken)
    {
        while ((await ReadSideEffectsAsync(instanceId)).Count < atLeast)
        {
            if (worker.HasExited)
            {
                throw new InvalidOperationException($"the worker exited early ({worker.ExitCode}): {await worker.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            // Poll the side table: the child process cannot signal this one.
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }

    private async Task<List<(int Step, int Pid)>> ReadSideEffectsAsync(string instanceId)
    {
        if (!File.Exists(_database.FilePath))
        {
            return [];
        }

        await using var connection = new SqliteConnection($"Data Source={_database.FilePath};Default Timeout=30;Pooling=False");
        await connection.OpenAsync();
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'side_effects'";
        if ((long)(await exists.ExecuteScalarAsync())! == 0)
        {
            return [];
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT step, pid FROM side_effects WHERE instance_id = $id ORDER BY rowid";
        command.Parameters.AddWithValue("$id", instanceId);
        var list = new List<(int, int)>();
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add((reader.GetInt32(0), reader.GetInt32(1)));
        }

        return list;
    }
}
