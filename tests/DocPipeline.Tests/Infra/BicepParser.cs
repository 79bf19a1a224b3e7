using System.Diagnostics;
using System.Text.Json;

namespace DocPipeline.Tests.Infra;

/// <summary>
/// Runs <c>infra/tools/parse-bicep.js</c> (tree-sitter with the tree-sitter-bicep grammar, pinned in the repository's
/// package.json) over Bicep files. Fails loudly when Node.js or the grammar is not installed.
/// </summary>
public static class BicepParser
{
    public static string BicepRoot { get; } = Path.Combine(TestPaths.RepositoryRoot, "infra", "bicep");

    public static string MainFile { get; } = Path.Combine(BicepRoot, "main.bicep");

    private static string Script { get; } = Path.Combine(TestPaths.RepositoryRoot, "infra", "tools", "parse-bicep.js");

    /// <summary>Every .bicep file under infra/bicep.</summary>
    public static IReadOnlyList<string> AllFiles() =>
        Directory.EnumerateFiles(BicepRoot, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    /// <summary>Checks the files and returns the script's exit code and its error lines (FILE:LINE:COLUMN: message).</summary>
    public static async Task<BicepCheck> CheckAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunAsync([.. files], cancellationToken);
        return new BicepCheck(exitCode, output.Split('\n', StringSplitOptions.RemoveEmptyEntries), error);
    }

    /// <summary>Parses the files and returns their declarations; throws when any file has a syntax error.</summary>
    public static async Task<IReadOnlyDictionary<string, BicepDeclarations>> DeclarationsAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await RunAsync(["--json", .. files], cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"parse-bicep.js exited with {exitCode}.\n{output}\n{error}");
        }

        using var document = JsonDocument.Parse(output);
        var result = new Dictionary<string, BicepDeclarations>(StringComparer.Ordinal);
        foreach (var file in document.RootElement.GetProperty("files").EnumerateArray())
        {
            result[Path.GetFullPath(file.GetProperty("file").GetString()!)] = new BicepDeclarations(
                file.GetProperty("params").Clone(),
                file.GetProperty("vars").Clone(),
                file.GetProperty("outputs").Clone(),
                file.GetProperty("modules").Clone());
        }

        return result;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Path.Combine(TestPaths.RepositoryRoot, "node_modules", "tree-sitter-bicep")))
        {
            throw new InvalidOperationException($"tree-sitter-bicep is not installed; run 'npm ci' in '{TestPaths.RepositoryRoot}' (Node.js 20 or later).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
