using System.Diagnostics;
using System.Globalization;
using DocPipeline.DurableTask;
using DocPipeline.DurableTask.AzureStorage;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocPipeline.Tests.DurableTask.AzureStorage;

/// <summary>
/// Real processes on a real Azurite: a standalone host with its default settings is killed with SIGKILL in the
/// middle of a sequence, a new host finishes it, and the log written by the activities shows that no completed step
/// ran again and that the work resumed within 30 seconds.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageCrashRecoveryTests(AzuriteFixture azurite) : IDisposable
{
    private const int Steps = 12;
    private static readonly TimeSpan ResumeTarget = TimeSpan.FromSeconds(30);
    private readonly string _hub = AzuriteFixture.NewHubName();
    private readonly string _log = Path.Combine(Path.GetTempPath(), "docpipeline-crash-" + Guid.NewGuid().ToString("N") + ".log");

    [Fact]
    public async Task SigkillMidSequence_NewHostCompletesWithin30s_NoCompletedActivityRunsAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var first = StartHost("start", stepDelayMs: 1000);
        await WaitForExecutionsAsync(atLeast: 4, first, timeout.Token);

        first.Kill(entireProcessTree: true);
        var killedAt = DateTimeOffset.UtcNow;
        await first.WaitForExitAsync(timeout.Token);
        var beforeKill = ReadExecutions();
        Assert.InRange(beforeKill.Count, 4, Steps - 1);

        using var second = StartHost("resume", stepDelayMs: 10);
        await second.WaitForExitAsync(timeout.Token);
        Assert.True(second.ExitCode == 0, $"the second host failed: {await second.StandardOutput.ReadToEndAsync(timeout.Token)} {await second.StandardError.ReadToEndAsync(timeout.Token)}");

        var backend = AzureStorageBackend.Create(new DurableTaskHostOptions { HubName = _hub }, AzureStorageAccount.FromConnectionString(azurite.ConnectionString), NullLoggerFactory.Instance);
        var states = await backend.Client.GetOrchestrationStateAsync("crash-1", allExecutions: false);
        Assert.Equal(global::DurableTask.Core.OrchestrationStatus.Completed, states.Single().OrchestrationStatus);
        Assert.Equal(Enumerable.Range(0, Steps).Sum().ToString(CultureInfo.InvariantCulture), states.Single().Output);

        var executions = ReadExecutions();
        var runs = executions.GroupBy(e => e.Step).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(0, Steps), runs.Keys.Order());

        // Only the step in flight when the host died may run again, and only once more.
        var repeated = runs.Where(r => r.Value > 1).Select(r => r.Key).ToList();
        Assert.True(repeated.Count <= 1, $"steps run more than once: {string.Join(", ", repeated)}");
        var inFlight = beforeKill.Max(e => e.Step);
        if (repeated.Count == 1)
        {
            Assert.Equal(inFlight, repeated[0]);
            Assert.Equal(2, runs[repeated[0]]);
        }

        var firstPid = beforeKill[0].Pid;
        Assert.All(executions.Where(e => e.Pid != firstPid), e => Assert.True(e.Step >= inFlight, $"completed step {e.Step} ran again"));

        var resumedAt = DateTimeOffset.FromUnixTimeMilliseconds(executions.Where(e => e.Pid != firstPid).Min(e => e.UnixMs));
        Assert.True(resumedAt - killedAt < ResumeTarget, $"work resumed {(resumedAt - killedAt).TotalSeconds:F1} s after the kill");
    }

    public void Dispose() => File.Delete(_log);

    private Process StartHost(string mode, int stepDelayMs)
    {
        var dll = TestPaths.ProjectDll("tests/DocPipeline.DurableTask.CrashHost", "DocPipeline.DurableTask.CrashHost");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, azurite.ConnectionString, _hub, mode, "crash-1", Steps.ToString(CultureInfo.InvariantCulture), stepDelayMs.ToString(CultureInfo.InvariantCulture), _log })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start the host process");
    }

    private async Task WaitForExecutionsAsync(int atLeast, Process host, CancellationToken cancellationToken)
    {
        while (ReadExecutions().Count < atLeast)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"the host exited early ({host.ExitCode}): {await host.StandardError.ReadToEndAsync(cancellationToken)}");
            }

            // The child process cannot signal this one: poll the log it writes.
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private List<(int Step, int Pid, long UnixMs)> ReadExecutions()
    {
        if (!File.Exists(_log))
        {
            return [];
        }

        using var stream = new FileStream(_log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var list = new List<(int, int, long)>();
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length == 4)
            {
                list.Add((int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture)));
            }
        }

        return list;
    }
}
