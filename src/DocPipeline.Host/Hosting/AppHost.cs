using Microsoft.Extensions.Logging.Console;

namespace DocPipeline.Host.Hosting;

/// <summary>Builds the generic host the CLI commands run the pipeline in.</summary>
public static class AppHost
{
    /// <summary>The data folder: <c>DocPipeline:DataPath</c>, or <c>.docpipeline</c> under the app root.</summary>
    public static string DataPath(IConfiguration configuration, string appRoot) =>
        Path.GetFullPath(configuration["DocPipeline:DataPath"] is { Length: > 0 } configured ? configured : Path.Combine(appRoot, ".docpipeline"));

    /// <summary>Builds a host with the pipeline on the embedded store.</summary>
    public static IHost Build(string appRoot, bool runWorker, bool quiet)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = appRoot });
        builder.Configuration.AddFunctionsConfiguration(appRoot);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);

        // Standard output belongs to the command's own output (run --json prints one JSON object per line).
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (quiet)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("DurableTask", LogLevel.Critical);
        }

        builder.Services.AddDocPipeline(builder.Configuration, DataPath(builder.Configuration, appRoot), runWorker);
        return builder.Build();
    }
}
