using System.Collections.Concurrent;
using System.Text.Json;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>
/// A <c>docpipeline run</c> process killed with SIGKILL while a model call is in flight; the same command run again
/// resumes the instance after the lease expires and does not pay again for answers saved before the kill.
/// </summary>
public sealed class RunCommandCrashRecoveryTests : IAsyncLifetime
{
    private readonly string _workDir = Path.Combine(Path.GetTempPath(), "docpipeline-crash-" + Guid.NewGuid().ToString("N"));
    private FakeGeminiServer _gemini = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_workDir);
        _gemini = await FakeGeminiServer.StartAsync();
        _gemini.RequiredApiKey = PipelineTestHost.ApiKey;
    }

    public async Task DisposeAsync()
    {
        await _gemini.DisposeAsync();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS temp cleaner removes leftovers.
        }
    }

    [Fact]
    public async Task Run_KilledDuringInference_SecondRunFinishesWithoutAskingAnsweredChunksAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var document = Path.Combine(_workDir, "report.txt");
        await File.WriteAllBytesAsync(document, TestDocuments.LongReport(sections: 8), timeout.Token);

        // The first process gets two chunks answered; the third request is held until the process is killed.
        var counts = new ConcurrentDictionary<string, int>();
        var answered = new ConcurrentBag<string>();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var crashed = false;
        _gemini.Responder = r =>
        {
            var hash = ModelAnswers.PromptHash(r);
            counts.AddOrUpdate(hash, 1, (_, n) => n + 1);
            if (!Volatile.Read(ref crashed) && answered.Count >= 2)
            {
                holding.TrySetResult();
                return ModelAnswers.Valid(r).WithLatency(TimeSpan.FromSeconds(60));
            }

            if (!Volatile.Read(ref crashed))
            {
                answered.Add(hash);
            }

            return ModelAnswers.Valid(r);
        };

        var environment = new Dictionary<string, string>
        {
            ["Pipeline__Gemini__ApiKey"] = PipelineTestHost.ApiKey,
            ["Pipeline__Gemini__BaseUrl"] = _gemini.BaseUrl.ToString(),
            ["Pipeline__MaxChunkTokens"] = "200",
            ["extensions__durableTask__MaxConcurrentActivityFunctions"] = "1",
            ["extensions__durableTask__LeaseDuration"] = "00:00:02",
            ["extensions__durableTask__MaxQueuePollingInterval"] = "00:00:00.250",
        };
        using (var first = DocPipelineProcess.Start(_workDir, environment, "run", "report.txt", "--json"))
        {
            await holding.Task.WaitAsync(timeout.Token);
            await first.KillAsync(timeout.Token);
        }

        Volatile.Write(ref crashed, true);
        var answeredBeforeKill = answered.ToHashSet();
        Assert.Equal(2, answeredBeforeKill.Count);

        using var second = DocPipelineProcess.Start(_workDir, environment, "run", "report.txt", "--json");
        var (exitCode, stdout, stderr) = await second.WaitAsync(timeout.Token);

        Assert.True(exitCode == 0, $"exit code {exitCode}; stdout: {stdout}; stderr: {stderr}");
        var line = Assert.Single(DocPipelineProcess.JsonLines(stdout));
        Assert.Equal("Completed", line.GetProperty("runtimeStatus").GetString());
        Assert.All(answeredBeforeKill, hash => Assert.Equal(1, counts[hash]));

        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(line.GetProperty("resultPath").GetString()!, timeout.Token));
        var chunks = result.RootElement.GetProperty("chunks").GetArrayLength();
        Assert.True(chunks > 3, $"expected more chunks than were answered before the kill, got {chunks}");
        Assert.Equal(chunks, counts.Count);

        // Only the chunk that was in flight at the kill may have been asked twice.
        Assert.InRange(counts.Values.Count(n => n > 1), 0, 1);
        Assert.All(counts.Values, n => Assert.InRange(n, 1, 2));
    }
}
