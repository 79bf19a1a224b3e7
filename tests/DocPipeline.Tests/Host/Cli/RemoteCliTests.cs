using System.Text.Json;
using Microsoft.DurableTask.Client;
using DocPipeline.Host.Cli;
using DocPipeline.Tests.Functions.Pipeline;
using DocPipeline.Tests.Functions.Service;

namespace DocPipeline.Tests.Functions.Cli;

/// <summary>The real <c>docpipeline</c> binary talking to a real <c>serve</c> on 127.0.0.1 over the management HTTP API.</summary>
[Collection(ServeCollection.Name)]
public sealed class RemoteCliTests : IAsyncLifetime
{
    private const string Key = "cli-test-key-0123456789abcdef";

    private readonly string _workDir = Path.Combine(Path.GetTempPath(), "docpipeline-remote-cli-" + Guid.NewGuid().ToString("N"));
    private ServeTestHost _host = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_workDir);
        _host = await ServeTestHost.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token, "DOCPIPELINE_API_KEY=" + Key, "DocPipeline:AllowPrivateCallbacks=true");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
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
    public async Task Submit_WaitWithKeyAsJson_CompletesAndExitsZero()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var file = await WriteDocumentAsync("memo.txt", timeout.Token);

        var (exitCode, stdout, stderr) = await RunAsync(timeout.Token, ["submit", file, "--wait", "--json", "--key", Key]);

        Assert.True(exitCode == CliExitCodes.Success, $"exit code {exitCode}; stdout: {stdout}; stderr: {stderr}");
        var line = Assert.Single(DocPipelineProcess.JsonLines(stdout));
        Assert.Equal("Completed", line.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Started", line.GetProperty("outcome").GetString());
        var id = line.GetProperty("instanceId").GetString()!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await _host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellation: timeout.Token))!.RuntimeStatus);
        Assert.Equal("offline-extractive", line.GetProperty("output").GetProperty("models")[0].GetString());
    }

    [Fact]
    public async Task Submit_PipedWithoutJson_PrintsProgressLinesAndSummary()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var file = await WriteDocumentAsync("notes.txt", timeout.Token);

        var (exitCode, stdout, stderr) = await RunAsync(timeout.Token, ["submit", file, "--wait", "--key", Key]);

        Assert.True(exitCode == CliExitCodes.Success, $"exit code {exitCode}; stdout: {stdout}; stderr: {stderr}");
        Assert.Contains("notes.txt: Started doc-", stdout, StringComparison.Ordinal);
        Assert.Contains("[notes.txt] Completed", stdout, StringComparison.Ordinal);
        Assert.Contains("1 of 1 document(s) completed.", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithoutKey_ExitsUnauthorized()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var file = await WriteDocumentAsync("memo.txt", timeout.Token);

        var (exitCode, _, stderr) = await RunAsync(timeout.Token, ["submit", file]);

        Assert.Equal(CliExitCodes.Unauthorized, exitCode);
        Assert.Contains("API key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_CompletedAndUnknownIds_ExitZeroThenNotFound()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var id = await UploadAndWaitAsync(timeout.Token);

        var (exitCode, stdout, stderr) = await RunAsync(timeout.Token, ["status", id, "--json"], KeyEnvironment());
        var (unknownExit, _, unknownStderr) = await RunAsync(timeout.Token, ["status", "doc-00000000000000000000000000000000"], KeyEnvironment());

        Assert.True(exitCode == CliExitCodes.Success, $"exit code {exitCode}; stderr: {stderr}");
        using var status = JsonDocument.Parse(stdout);
        Assert.Equal(id, status.RootElement.GetProperty("instanceId").GetString());
        Assert.Equal("Completed", status.RootElement.GetProperty("runtimeStatus").GetString());
        Assert.Equal(CliExitCodes.NotFound, unknownExit);
        Assert.Contains("not found", unknownStderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_JsonWithStatusFilterAndSmallPages_FollowsContinuationAndFilters()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var first = await UploadAndWaitAsync(timeout.Token);
        var second = await UploadAndWaitAsync(timeout.Token);

        var (exitCode, stdout, stderr) = await RunAsync(timeout.Token, ["list", "--status", "Completed", "--top", "5", "--json"], KeyEnvironment());
        var (failedExit, failedStdout, _) = await RunAsync(timeout.Token, ["list", "--status", "Failed", "--json"], KeyEnvironment());
        var (badExit, _, badStderr) = await RunAsync(timeout.Token, ["list", "--status", "Finished"], KeyEnvironment());

        Assert.True(exitCode == CliExitCodes.Success, $"exit code {exitCode}; stderr: {stderr}");
        using var list = JsonDocument.Parse(stdout);
        var ids = list.RootElement.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()).ToList();
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.Equal(CliExitCodes.Success, failedExit);
        Assert.Equal("[]", failedStdout.Trim());
        Assert.Equal(CliExitCodes.Usage, badExit);
        Assert.Contains("Finished", badStderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TopOneOfTwo_PrintsExactlyOne()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await UploadAndWaitAsync(timeout.Token);
        await UploadAndWaitAsync(timeout.Token);

        var (exitCode, stdout, stderr) = await RunAsync(timeout.Token, ["list", "--top", "1", "--json"], KeyEnvironment());

        Assert.True(exitCode == CliExitCodes.Success, $"exit code {exitCode}; stderr: {stderr}");
        using var list = JsonDocument.Parse(stdout);
        Assert.Equal(1, list.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Terminate_RunningThenFinished_ExitsZeroThenConflict()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var callback = await HeldCallbackServer.StartAsync(timeout.Token);
        using var upload = await _host.UploadAsync(ServeJson.UniqueText(), "held.txt", timeout.Token, "&callbackUrl=" + Uri.EscapeDataString(callback.Url.ToString()), Key);
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, timeout.Token), "id");
        await callback.Called.WaitAsync(timeout.Token);

        var (exitCode, stdout, stderr) = await RunAsync(timeout.Token, ["terminate", id, "--reason", "operator", "--key", Key]);
        var terminated = await _host.Durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellation: timeout.Token);
        var (againExit, _, againStderr) = await RunAsync(timeout.Token, ["terminate", id, "--key", Key]);
        var (statusExit, statusOut, _) = await RunAsync(timeout.Token, ["status", id, "--watch", "--key", Key]);

        Assert.True(exitCode == CliExitCodes.Success, $"exit code {exitCode}; stderr: {stderr}");
        Assert.Contains("terminate: accepted for " + id, stdout, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated.RuntimeStatus);
        Assert.Equal(CliExitCodes.Conflict, againExit);
        Assert.Contains("refused", againStderr, StringComparison.Ordinal);
        Assert.Equal(CliExitCodes.NotCompleted, statusExit);
        Assert.Contains("runtimeStatus: Terminated", statusOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_CompletedRun_PrintsStoredJson()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var id = await UploadAndWaitAsync(timeout.Token);

        var (exitCode, stdout, stderr) = await RunAsync(timeout.Token, ["result", id], KeyEnvironment());

        Assert.True(exitCode == CliExitCodes.Success, $"exit code {exitCode}; stderr: {stderr}");
        var stored = await File.ReadAllTextAsync(Path.Combine(_host.ResultsPath, id + ".json"), timeout.Token);
        Assert.Equal(stored.Trim(), stdout.Trim());
    }

    [Fact]
    public async Task Status_ServerNotListening_ExitsUnreachable()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var (exitCode, _, stderr) = await RunAsync(timeout.Token, ["status", "doc-1", "--server", "http://127.0.0.1:1"]);

        Assert.Equal(CliExitCodes.Unreachable, exitCode);
        Assert.Contains("Could not reach", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NoFiles_ExitsUsage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var (exitCode, _, stderr) = await RunAsync(timeout.Token, ["submit"]);

        Assert.Equal(CliExitCodes.Usage, exitCode);
        Assert.Contains("submit --help", stderr, StringComparison.Ordinal);
    }

    private Dictionary<string, string> KeyEnvironment() => new() { ["DOCPIPELINE_API_KEY"] = Key };

    private async Task<string> WriteDocumentAsync(string name, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_workDir, name);
        await File.WriteAllBytesAsync(path, ServeJson.UniqueText(), cancellationToken);
        return path;
    }

    private async Task<string> UploadAndWaitAsync(CancellationToken cancellationToken)
    {
        using var upload = await _host.UploadAsync(ServeJson.UniqueText(), "doc.txt", cancellationToken, key: Key);
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, cancellationToken), "id");
        await _host.WaitForRunAsync(id, cancellationToken);
        return id;
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(CancellationToken cancellationToken, string[] args, Dictionary<string, string>? environment = null)
    {
        var env = environment ?? [];
        env["DOCPIPELINE_SERVER"] = _host.BaseAddress.ToString();
        var process = DocPipelineProcess.Start(_workDir, env, args);
        return WaitAndDisposeAsync(process, cancellationToken);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> WaitAndDisposeAsync(DocPipelineProcess process, CancellationToken cancellationToken)
    {
        using (process)
        {
            return await process.WaitAsync(cancellationToken);
        }
    }
}
