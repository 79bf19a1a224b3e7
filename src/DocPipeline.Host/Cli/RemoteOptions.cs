using System.CommandLine;
using Spectre.Console;

namespace DocPipeline.Host.Cli;

/// <summary>
/// The options every command that talks to a running host shares (<c>--server</c>, <c>--key</c>, <c>--json</c>), and
/// the one place that turns failures into messages and <see cref="CliExitCodes"/>.
/// </summary>
internal sealed class RemoteOptions
{
    /// <summary>The environment variable naming the server when <c>--server</c> is not given.</summary>
    public const string ServerVariable = "DOCPIPELINE_SERVER";

    /// <summary>The environment variable holding the key when <c>--key</c> is not given (the same one <c>serve</c> reads).</summary>
    public const string KeyVariable = "DOCPIPELINE_API_KEY";

    /// <summary>Where a server is looked for when nothing says otherwise: <c>serve</c>'s default address.</summary>
    public const string DefaultServer = "http://localhost:7071";

    public Option<string?> Server { get; } = new("--server", "-s") { Description = $"The host or Durable Functions app to talk to (default ${ServerVariable}, else {DefaultServer})." };

    public Option<string?> Key { get; } = new("--key", "-k") { Description = $"API key: DocPipeline key, or a Functions app's function/host key (default ${KeyVariable})." };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON for scripts instead of text." };

    /// <summary>Whether output is a person at a terminal (live progress, colours) rather than a pipe or file.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public static Command WithExamples(Command command, params string[] examples)
    {
        command.Description += Environment.NewLine + Environment.NewLine + "Examples:" + Environment.NewLine + string.Join(Environment.NewLine, examples.Select(e => "  " + e));
        return command;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Key);
        command.Options.Add(Json);
    }

    /// <summary>Runs <paramref name="body"/> with a client for the chosen server, mapping failures to exit codes.</summary>
    public async Task<int> RunAsync(ParseResult parse, Func<ManagementClient, bool, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var serverText = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable(ServerVariable) ?? DefaultServer;
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            await Console.Error.WriteLineAsync($"--server must be an http:// or https:// address; got '{serverText}'.");
            return CliExitCodes.Usage;
        }

        var key = parse.GetValue(Key) ?? Environment.GetEnvironmentVariable(KeyVariable);
        using var client = new ManagementClient(server, string.IsNullOrWhiteSpace(key) ? null : key.Trim());
        try
        {
            return await body(client, parse.GetValue(Json), cancellationToken);
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return ex.ExitCode;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"Could not reach {server.GetLeftPart(UriPartial.Authority)}: {ex.Message}");
            return CliExitCodes.Unreachable;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"{server.GetLeftPart(UriPartial.Authority)} did not answer in time.");
            return CliExitCodes.Unreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliExitCodes.Interrupted;
        }
    }
}
