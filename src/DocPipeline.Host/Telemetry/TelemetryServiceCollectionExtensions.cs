using DocPipeline.Pipeline.Telemetry;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DocPipeline.Host.Telemetry;

/// <summary>Exports the app's traces, metrics and logs with OpenTelemetry when an exporter is configured.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The OTLP endpoint setting (the standard OpenTelemetry environment variable).</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Application Insights connection string setting.</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// Adds OpenTelemetry for the <c>DocPipeline</c> activity source and meter and for logs: OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the other <c>OTEL_*</c> settings apply), Azure Monitor when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. With neither, nothing is registered and instrumentation
    /// costs a listener check.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app configuration.</param>
    /// <returns>The exporters in use, for the start-up log (empty when none).</returns>
    public static IReadOnlyList<string> AddDocPipelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var azureMonitor = configuration[AzureMonitorSetting] is { Length: > 0 } connectionString ? connectionString : null;
        var exporters = new List<string>();
        if (otlp)
        {
            exporters.Add("otlp");
        }

        if (azureMonitor is not null)
        {
            exporters.Add("azure-monitor");
        }

        if (exporters.Count == 0)
        {
            return exporters;
        }

        var serviceName = configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "docpipeline";
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(DocPipelineTelemetry.Name);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (azureMonitor is not null)
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = azureMonitor);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DocPipelineTelemetry.Name);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (azureMonitor is not null)
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = azureMonitor);
                }
            })
            .WithLogging(logging =>
            {
                if (otlp)
                {
                    logging.AddOtlpExporter();
                }

                if (azureMonitor is not null)
                {
                    logging.AddAzureMonitorLogExporter(o => o.ConnectionString = azureMonitor);
                }
            });
        services.AddHostedService<QueueDepthSampler>();
        return exporters;
    }
}
