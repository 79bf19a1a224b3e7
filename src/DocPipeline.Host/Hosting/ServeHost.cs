using DocPipeline.DurableTask.Http;
using DocPipeline.Host.Apis;
using DocPipeline.Host.Dashboard;
using DocPipeline.Host.Security;
using DocPipeline.Host.Telemetry;
using DocPipeline.Host.Triggers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace DocPipeline.Host.Hosting;

/// <summary>
/// The <c>docpipeline serve</c> host: Kestrel with the upload API, the Durable Functions management API, health
/// probes, the durable worker and the triggers, configured the Azure Functions way (host.json, local.settings.json,
/// environment, then command-line <c>--key=value</c> settings, which win).
/// </summary>
public static class ServeHost
{
    /// <summary>Builds the host; nothing listens or touches a store until it is started.</summary>
    /// <param name="args">Host arguments: <c>--urls</c>, <c>--contentRoot</c>, and any <c>--Setting:Name=value</c>.</param>
    /// <exception cref="ServeStartupException">A setting is invalid, or the host would be reachable beyond loopback without an API key.</exception>
    public static WebApplication Build(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        // appsettings.json reloading would watch the whole app root, .docpipeline included, and wake on every
        // artifact the store writes; settings are read once at start-up, as host.json is.
        var builder = WebApplication.CreateSlimBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
        var appRoot = builder.Environment.ContentRootPath;
        builder.Configuration.AddFunctionsConfiguration(appRoot);
        builder.Configuration.AddCommandLine(args);
        var settings = ServeSettings.Read(builder.Configuration, appRoot);

        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        // Request logs carry the full URL, and its 'code' query parameter is an API key: keep them out. A Logging
        // setting for a more specific ASP.NET Core category can still open that category.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        builder.WebHost.UseUrls([.. settings.Urls]);
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(settings.Keys);
        builder.Services.AddDocPipeline(builder.Configuration, settings.DataPath, settings.RunWorker, settings.Storage);
        builder.Services.AddDocPipelineTriggers(builder.Configuration, TriggerEnvironmentFor(settings.Storage, appRoot));
        var exporters = builder.Services.AddDocPipelineTelemetry(builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseApiKeys();
        app.MapHealthApi();
        app.MapDocumentsApi().RequireApiKey();
        app.MapDurableTaskManagementApi().RequireApiKey();
        app.MapDashboard();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, settings, exporters));
        return app;
    }

    /// <summary>The addresses the started host listens on (with the real port when port 0 was asked for).</summary>
    /// <param name="app">A started host.</param>
    public static IReadOnlyList<Uri> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => new Uri(a.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)))
            .ToList() ?? [];
    }

    private static TriggerEnvironment TriggerEnvironmentFor(StorageSelection storage, string appRoot)
    {
        if (storage.Azure is not { } azure)
        {
            return TriggerEnvironment.Embedded(appRoot);
        }

        return azure.ConnectionString is { } connectionString
            ? TriggerEnvironment.AzureStorage(appRoot, connectionString)
            : TriggerEnvironment.AzureStorage(appRoot, azure.BlobServiceUri!, azure.QueueServiceUri!, azure.Credential!);
    }

    private static void Announce(WebApplication app, ServeSettings settings, IReadOnlyList<string> exporters)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DocPipeline.Host.Serve");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        logger.ServeStarted(string.Join(", ", addresses), settings.Storage.Describe(), settings.Keys.Count);
        if (!settings.Keys.IsEnabled)
        {
            logger.ServeWithoutKeys();
        }

        if (exporters.Count > 0)
        {
            logger.TelemetryExporters(string.Join(", ", exporters));
        }
    }
}
