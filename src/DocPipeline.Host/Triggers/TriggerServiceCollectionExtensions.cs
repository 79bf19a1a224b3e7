using DocPipeline.Pipeline;
using DocPipeline.Messaging.EventGrid;

namespace DocPipeline.Host.Triggers;

/// <summary>Registers the document triggers of <c>docpipeline serve</c>.</summary>
public static class TriggerServiceCollectionExtensions
{
    /// <summary>The setting listing the containers whose blob notifications the triggers handle (all when unset).</summary>
    public const string IntakeContainersSetting = "Pipeline:IntakeContainers";

    /// <summary>
    /// Adds the triggers as hosted services. Embedded mode: the drop folder. Azure Storage mode: the <c>incoming</c>
    /// container and the <c>ingest</c> queue. Either mode: the Service Bus queue, when its connection is configured.
    /// Every trigger starts documents through an <see cref="IDocumentScheduler"/>, by default
    /// <see cref="DocumentSubmitter"/> (which <c>AddDocPipeline</c> registers). Settings: <see cref="BlobDropOptions"/>,
    /// <see cref="IngestQueueOptions"/>, <see cref="ServiceBusTriggerOptions"/>, host.json <c>extensions.serviceBus</c>
    /// (<see cref="ServiceBusExtensionOptions"/>), and <c>Pipeline:IntakeContainers</c>: the containers whose blob
    /// notifications are handled (default: all; others are skipped with a log line).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app configuration.</param>
    /// <param name="environment">Embedded or Azure Storage, the app root, and how to reach storage.</param>
    /// <exception cref="InvalidOperationException">The environment is incomplete for its mode.</exception>
    /// <exception cref="Hosting.ServeStartupException">The Service Bus connection is set but malformed.</exception>
    public static IServiceCollection AddDocPipelineTriggers(this IServiceCollection services, IConfiguration configuration, TriggerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        environment.Validate();

        services.AddOptions<BlobDropOptions>().Bind(configuration.GetSection(BlobDropOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IngestQueueOptions>()
            .Bind(configuration.GetSection(IngestQueueOptions.HostSectionName))
            .Bind(configuration.GetSection(IngestQueueOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(environment);
        services.AddSingleton<TriggerStorage>();
        services.AddSingleton<BlobFetcher>();
        services.AddSingleton(new BlobEventParserOptions { Containers = configuration.GetSection(IntakeContainersSetting).Get<string[]>() ?? [] });
        services.TryAddSingleton<IDocumentScheduler, SubmitterDocumentScheduler>();

        if (environment.Mode == TriggerStorageMode.Embedded)
        {
            AddTrigger<FolderDropTrigger>(services);
        }
        else
        {
            AddTrigger<BlobDropTrigger>(services);
            AddTrigger<IngestQueueTrigger>(services);
        }

        var connection = ServiceBusConnection.Read(configuration, ServiceBusTriggerOptions.ConnectionNameFrom(configuration));
        if (connection is not null)
        {
            services.AddSingleton(connection);
            services.AddSingleton(ServiceBusTriggerOptions.From(configuration, connection));
            services.AddOptions<ServiceBusExtensionOptions>()
                .Bind(configuration.GetSection(ServiceBusExtensionOptions.SectionName))
                .ValidateDataAnnotations()
                .ValidateOnStart();
            services.AddSingleton<ServiceBusDocumentReader>();
            services.AddSingleton<ServiceBusMessageHandler>();
            AddTrigger<ServiceBusTrigger>(services);
        }

        return services;
    }

    private static void AddTrigger<T>(IServiceCollection services)
        where T : class, IHostedService
    {
        services.AddSingleton<T>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<T>());
    }
}
