using System.Diagnostics;
using System.Globalization;

namespace DocPipeline.Tests.DurableTask.Sqlite;

/// <summary>A worker killed with SIGKILL mid-orchestration; a new process finishes the work.</summary>
public sealed class SqliteCrashTests : IDisposable
{
    private const int Steps = 60;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "docpipeline-dtfx-crash-" + Guid.NewGuid().ToString("N"));
    private readonly List<Process> _processes = [];

    public SqliteCrashTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task SigKill_MidSequence_NewWorkerFinishesWithoutRerunningCompletedActivities()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var database = Path.Combine(_directory, "durabletask.db");
        var sideFile = Path.Combine(_directory, "steps.txt");
        var instanceId = "crash-" + Guid.NewGuid().ToString("N");

        var first = StartWorker(database, sideFile, instanceId, start: true);
        while (ReadSteps(sideFile).Count < 10)
        {
            Assert.False(first.HasExited, "the first worker exited before it was killed");
            await Task.Delay(10, cts.Token);
        }

        first.Kill(); // SIGKILL on Unix: no chance to clean up.
        await first.WaitForExitAsync(cts.Token);
        var beforeRestart = ReadSteps(sideFile).Count;
        var restartedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var second = StartWorker(database, sideFile, instanceId, start: false);
        await second.WaitForExitAsync(cts.Token);

        Assert.Equal(0, second.ExitCode);
        var steps = ReadSteps(sideFile);
        var runs = steps.GroupBy(s => s.Step).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, Steps), runs.Keys.Order());
        var repeated = runs.Where(r => r.Value > 1).ToList();
        Assert.True(repeated.Count <= 1, $"more than the in-flight activity ran twice: {string.Join(", ", repeated)}");
        Assert.All(repeated, r => Assert.Equal(2, r.Value));
        var firstAfterRestart = steps[beforeRestart];
        Assert.True(firstAfterRestart.At - restartedAt < 30_000, $"work resumed {firstAfterRestart.At - restartedAt} ms after the restart");
    }

    private Process StartWorker(string database, string sideFile, string instanceId, bool start)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(TestPaths.ProjectDll("tests/DocPipeline.DurableTask.TestWorker", "DocPipeline.DurableTask.TestWorker"));
        foreach (var argument in new[] { database, sideFile, instanceId, Steps.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        if (start)
        {
            info.ArgumentList.Add("start");
        }

        var process = Process.Start(info)!;
        _processes.Add(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static List<(int Step, long At)> ReadSteps(string sideFile)
    {
        if (!File.Exists(sideFile))
        {
            return [];
        }

        using var stream = new FileStream(sideFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var result = new List<(int, long)>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var step) && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var at))
            {
                result.Add((step, at));
            }
        }

        return result;
    }
}
