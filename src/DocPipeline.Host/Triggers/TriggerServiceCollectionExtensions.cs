using DocPipeline.Host.Pipeline;
using DocPipeline.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Triggers;

/// <summary>Registers the document triggers of <c>docpipeline serve</c>.</summary>
public static class TriggerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the triggers as hosted services. Embedded mode: the drop folder. Azure Storage mode: the <c>incoming</c>
    /// container and the <c>ingest</c> queue. Either mode: the Service Bus queue, when its connection is configured.
    /// Every trigger starts documents through <see cref="DocumentSubmitter"/>, which
    /// <c>AddDocPipeline</c> registers. Settings: <see cref="BlobDropOptions"/>, <see cref="IngestQueueOptions"/>,
    /// <see cref="ServiceBusTriggerOptions"/> and host.json <c>extensions.serviceBus</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The app configuration.</param>
    /// <param name="environment">Embedded or Azure Storage, the app root, and how to reach storage.</param>
    /// <exception cref="InvalidOperationException">The environment is incomplete for its mode.</exception>
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

        if (environment.Mode == TriggerStorageMode.Embedded)
        {
            AddTrigger<FolderDropTrigger>(services);
        }
        else
        {
            AddTrigger<BlobDropTrigger>(services);
            AddTrigger<IngestQueueTrigger>(services);
        }

        var serviceBus = ServiceBusTriggerOptions.From(configuration);
        if (serviceBus.IsConfigured(configuration))
        {
            services.AddSingleton(serviceBus);
            services.AddOptions<ServiceBusListenerOptions>().Bind(configuration.GetSection("extensions:serviceBus"));
            services.AddSingleton<ServiceBusDocumentReader>();
            services.AddSingleton(sp => new ServiceBusTrigger(
                configuration,
                serviceBus,
                sp.GetRequiredService<IOptions<ServiceBusListenerOptions>>(),
                sp.GetRequiredService<DocumentSubmitter>(),
                sp.GetRequiredService<ServiceBusDocumentReader>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>()));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ServiceBusTrigger>());
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
