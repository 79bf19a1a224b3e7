using System.CommandLine;

namespace DocPipeline.Functions.Cli;

/// <summary>The <c>docpipeline</c> command line.</summary>
public static class DocPipelineCli
{
    /// <summary>Parses and runs a command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("DocPipeline: durable document AI — extract, redact, analyze and validate documents.");
        root.Subcommands.Add(RunCommand.Create());
        return await root.Parse(args).InvokeAsync();
    }
}
