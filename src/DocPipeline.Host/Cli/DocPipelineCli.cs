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
        root.Subcommands.Add(SubmitCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        foreach (var command in ControlCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(ResultCommand.Create());

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Scripts tell a mistyped command line (2) from a document that failed (1).
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync($"See 'docpipeline {parse.CommandResult.Command.Name} --help'.".Replace("docpipeline docpipeline", "docpipeline", StringComparison.Ordinal));
            return CliExitCodes.Usage;
        }

        // serve stops its worker gracefully (up to extensions:durableTask:shutdownTimeout): give it time after Ctrl+C.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) });
    }
}
