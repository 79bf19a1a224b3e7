using System.Text.Json;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary><c>docpipeline run</c> as users run it: a real child process, Gemini pointed at a fake on 127.0.0.1.</summary>
public sealed class RunCommandJsonTests : IAsyncLifetime
{
    private static readonly string[] JsonFields = ["instanceId", "source", "runtimeStatus", "models", "resultPath", "error"];

    private readonly string _workDir = Path.Combine(Path.GetTempPath(), "docpipeline-cli-" + Guid.NewGuid().ToString("N"));
    private FakeGeminiServer _gemini = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_workDir);
        _gemini = await FakeGeminiServer.StartAsync();
        _gemini.RequiredApiKey = PipelineTestHost.ApiKey;
        _gemini.Responder = ModelAnswers.Valid;
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
    public async Task Run_SamplesFolderAsJson_EverySampleCompletesAndExitCodeIsZero()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var samples = Path.Combine(_workDir, "samples");
        Directory.CreateDirectory(samples);
        var files = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "samples"));
        foreach (var file in files)
        {
            File.Copy(file, Path.Combine(samples, Path.GetFileName(file)));
        }

        using var process = DocPipelineProcess.Start(_workDir, GeminiEnvironment(), "run", "samples", "--json");
        var (exitCode, stdout, stderr) = await process.WaitAsync(timeout.Token);

        Assert.True(exitCode == 0, $"exit code {exitCode}; stdout: {stdout}; stderr: {stderr}");
        var lines = DocPipelineProcess.JsonLines(stdout);
        Assert.Equal(files.Select(Path.GetFileName).Order(StringComparer.Ordinal), lines.Select(l => Path.GetFileName(l.GetProperty("source").GetString())));
        foreach (var line in lines)
        {
            foreach (var field in JsonFields)
            {
                Assert.True(line.TryGetProperty(field, out _), $"{line} lacks {field}");
            }

            Assert.Equal("Completed", line.GetProperty("runtimeStatus").GetString());
            Assert.StartsWith("doc-", line.GetProperty("instanceId").GetString(), StringComparison.Ordinal);
            Assert.Equal([PipelineTestHost.PrimaryModel], line.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(JsonValueKind.Null, line.GetProperty("error").ValueKind);
            var resultPath = line.GetProperty("resultPath").GetString()!;
            Assert.True(File.Exists(resultPath), $"result file missing: {resultPath}");
            Assert.StartsWith(Path.Combine(_workDir, "results"), Path.GetFullPath(resultPath), StringComparison.Ordinal);
        }

        Assert.True(_gemini.Requests.Count >= files.Length);
        Assert.All(_gemini.Requests, r => Assert.Null(r.Rejection));
    }

    [Fact]
    public async Task Run_FolderWithABadFileAndARateLimit_ExitsOneAndThatLineCarriesTheError()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var inbox = Path.Combine(_workDir, "inbox");
        Directory.CreateDirectory(inbox);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "refund.txt"), TestDocuments.RefundEmail(), timeout.Token);
        await File.WriteAllBytesAsync(Path.Combine(inbox, "statement.pdf"), TestDocuments.BinaryJunk(), timeout.Token);

        // A rate-limited first call makes the run log warnings; they must not end up among the JSON lines.
        _gemini.Enqueue(PipelineTestHost.PrimaryModel, FakeGeminiReply.RateLimited(retryDelay: "0.1s"));

        using var process = DocPipelineProcess.Start(_workDir, GeminiEnvironment(), "run", "inbox", "--json");
        var (exitCode, stdout, stderr) = await process.WaitAsync(timeout.Token);

        Assert.True(exitCode == 1, $"exit code {exitCode}; stdout: {stdout}; stderr: {stderr}");
        var lines = DocPipelineProcess.JsonLines(stdout).ToDictionary(l => Path.GetFileName(l.GetProperty("source").GetString())!);
        Assert.Equal(2, lines.Count);
        Assert.Equal("Completed", lines["refund.txt"].GetProperty("runtimeStatus").GetString());
        var bad = lines["statement.pdf"];
        Assert.Equal("Failed", bad.GetProperty("runtimeStatus").GetString());
        Assert.Contains("binary", bad.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, bad.GetProperty("resultPath").ValueKind);
        Assert.Equal(2, _gemini.RequestCount(PipelineTestHost.PrimaryModel));
    }

    private Dictionary<string, string> GeminiEnvironment() => new()
    {
        ["Pipeline__Gemini__ApiKey"] = PipelineTestHost.ApiKey,
        ["Pipeline__Gemini__BaseUrl"] = _gemini.BaseUrl.ToString(),
    };
}
