namespace DocPipeline.Host.Cli;

/// <summary>Ends a command with a message for the user and one of the <see cref="CliExitCodes"/>.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
