using System.CommandLine;
using System.Globalization;
using DocPipeline.Host.Hosting;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Cli;

/// <summary>
/// <c>docpipeline serve [--port N] [--urls URLS] [--Setting:Name=value ...]</c>: the HTTP host with the worker, the
/// triggers, the upload and management APIs, until Ctrl+C.
/// </summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, separated by ';' (default http://localhost:7071). Anything but loopback needs an API key." };
        var port = new Option<int?>("--port") { Description = "The local port (default Host:LocalHttpPort from local.settings.json, else 7071)." };
        var command = new Command("serve", "Run the HTTP host: upload API, management API, worker and triggers. Extra --Name=value arguments override settings.") { urls, port };
        command.TreatUnmatchedTokensAsErrors = false;
        RemoteOptions.WithExamples(
            command,
            "docpipeline serve                      # http://localhost:7071, dashboard at /",
            "docpipeline serve --port 8080",
            "DOCPIPELINE_API_KEY=<16+ chars> docpipeline serve --urls http://0.0.0.0:7071");
        command.SetAction((parse, cancellationToken) =>
        {
            var hostArgs = new List<string>(parse.UnmatchedTokens);
            if (parse.GetValue(urls) is { Length: > 0 } u)
            {
                hostArgs.Add("--urls=" + u);
            }

            if (parse.GetValue(port) is { } p)
            {
                hostArgs.Add(string.Create(CultureInfo.InvariantCulture, $"--{ServeUrls.PortSetting}={p}"));
            }

            return ExecuteAsync([.. hostArgs], cancellationToken);
        });
        return command;
    }

    /// <summary>Builds, starts and runs the host until <paramref name="cancellationToken"/> fires or the host is stopped.</summary>
    /// <param name="hostArgs">Host arguments (see <see cref="ServeHost.Build"/>).</param>
    /// <param name="cancellationToken">Stops the host.</param>
    /// <returns>0 after a clean stop; 2 when settings kept the host from starting.</returns>
    public static async Task<int> ExecuteAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        WebApplication? app = null;
        try
        {
            app = ServeHost.Build(hostArgs);

            // Checked before starting, so a bad setting is reported once, by name, not as a hosting failure with a stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            await app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ServeStartupErrors.TryDescribe(ex, out var message))
        {
            await Console.Error.WriteLineAsync("docpipeline serve did not start:" + Environment.NewLine + message);
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            return 130;
        }

        await using (app)
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }

        return 0;
    }
}
