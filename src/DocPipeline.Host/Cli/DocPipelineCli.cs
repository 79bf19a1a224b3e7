using System.CommandLine;

namespace DocPipeline.Host.Cli;

/// <summary>The <c>docpipeline</c> command line.</summary>
public static class DocPipelineCli
{
    /// <summary>
    /// Parses and runs a command; returns the process exit code. Arguments that are only <c>--Name=value</c> settings
    /// (no command) run <c>serve</c> with them: that is how <c>dotnet run -- --urls=…</c> and test hosts start the app.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args.All(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)))
        {
            args = ["serve", .. args];
        }

        var root = new RootCommand("DocPipeline: durable document AI — extract, redact, analyze and validate documents.");
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());

        // serve stops its worker gracefully (up to extensions:durableTask:shutdownTimeout): give it time after Ctrl+C.
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
    }
}
