using System.Diagnostics;
using System.Text.Json;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>Runs the built <c>docpipeline</c> executable as a child process in a working folder of the test's choosing.</summary>
internal sealed class DocPipelineProcess : IDisposable
{
    // Settings a developer's shell may carry that must not leak into the child (real keys, real stores, exporters).
    private static readonly string[] InheritedPrefixes = ["Pipeline__", "DocPipeline__", "extensions__", "AzureWebJobs", "OTEL_", "APPLICATIONINSIGHTS_", "DOCPIPELINE_"];

    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private DocPipelineProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static DocPipelineProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(TestPaths.ProjectDll("src/DocPipeline.Host", "docpipeline"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new DocPipelineProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start docpipeline"));
    }

    /// <summary>Waits for the process to exit; kills it if <paramref name="cancellationToken"/> fires first.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw;
        }

        return (_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>Ends the process at once, the way a crash or an OOM kill would (SIGKILL on Unix).</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>The lines of <c>run --json</c>: each must be one JSON object.</summary>
    public static List<JsonElement> JsonLines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line =>
            {
                try
                {
                    using var document = JsonDocument.Parse(line);
                    return document.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    throw new Xunit.Sdk.XunitException($"run --json printed a line that is not JSON: {line} ({ex.Message})");
                }
            })
            .ToList();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
