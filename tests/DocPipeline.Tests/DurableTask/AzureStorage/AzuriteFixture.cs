using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DocPipeline.Tests.DurableTask.AzureStorage;

/// <summary>
/// Starts the Azurite pinned in the repository's package.json (in memory, on free loopback ports) for the tests of
/// the Azurite collection or a test class, and stops it afterwards. Fails loudly when Azurite is not installed.
/// </summary>
public sealed partial class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly StringBuilder _startupOutput = new();
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? _process;
    private string? _workDirectory;

    /// <summary>A connection string for the running Azurite.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>A hub name no other test uses (letters and digits, as DurableTask.AzureStorage requires).</summary>
    public static string NewHubName() => "t" + Guid.NewGuid().ToString("N")[..20];

    public async Task InitializeAsync()
    {
        var azurite = FindAzurite();
        _workDirectory = Path.Combine(Path.GetTempPath(), "docpipeline-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_workDirectory);
        var start = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Port 0 lets the OS pick free ports; Azurite reports them on stdout (which is why --silent is not used).
        foreach (var argument in new[]
        {
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
            "--inMemoryPersistence", "--extentMemoryLimit", "512", "--skipApiVersionCheck", "--disableTelemetry",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        _process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"Azurite exited during start-up (exit code {SafeExitCode()}). Output:\n{StartupOutput()}"));
        try
        {
            _process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Azurite at '{azurite}' could not be started ({ex.Message}). Is Node.js installed? Run 'npm ci' in the repository root.", ex);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _ready.Task.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Azurite did not report its ports within 60 s. Output:\n{StartupOutput()}");
        }

        ConnectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{_ports["Blob"]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_ports["Queue"]}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{_ports["Table"]}/devstoreaccount1;");
    }

    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await process.WaitForExitAsync(timeout.Token);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        if (_workDirectory is not null)
        {
            try
            {
                Directory.Delete(_workDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null || _ready.Task.IsCompleted)
        {
            return;
        }

        lock (_startupOutput)
        {
            _startupOutput.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                _ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                if (_ports.Count == 3)
                {
                    _ready.TrySetResult();
                }
            }
        }
    }

    private string StartupOutput()
    {
        lock (_startupOutput)
        {
            return _startupOutput.ToString();
        }
    }

    private string SafeExitCode()
    {
        try
        {
            return _process!.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private static string FindAzurite()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")) && File.Exists(Path.Combine(directory.FullName, "DocPipeline.sln")))
            {
                var azurite = Path.Combine(directory.FullName, "node_modules", ".bin", "azurite");
                return File.Exists(azurite)
                    ? azurite
                    : throw new InvalidOperationException(
                        $"Azurite is not installed: '{azurite}' does not exist. The Azure Storage store tests need it; run 'npm ci' in '{directory.FullName}' (Node.js 20 or later).");
            }
        }

        throw new InvalidOperationException($"The repository root (with package.json and DocPipeline.sln) was not found above '{AppContext.BaseDirectory}', so Azurite cannot be located.");
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://127\.0\.0\.1:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
