using DocPipeline.DurableTask.AzureStorage;
using DocPipeline.DurableTask.Client;
using DocPipeline.DurableTask.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DocPipeline.DurableTask;

/// <summary>DI entry point of the standalone engine host.</summary>
public static class DurableTaskHostServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Durable Task engine: a DTFx worker running the registered SDK orchestrators and activities (unless
    /// <see cref="DurableTaskHostBuilder.RunWorker"/> is off), and a <see cref="DurableTaskClient"/>. Settings come from
    /// <c>extensions:durableTask</c>. The backend is the one given to <see cref="DurableTaskHostBuilder.UseBackend"/>,
    /// else Azure Storage when <c>AzureWebJobsStorage</c> is set.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration (host.json, environment).</param>
    /// <param name="configure">Registers orchestrators and activities and picks the backend.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddDurableTaskHost(this IServiceCollection services, IConfiguration configuration, Action<DurableTaskHostBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new DurableTaskHostBuilder(services);
        configure(builder);

        services.AddOptions<DurableTaskHostOptions>().Bind(configuration.GetSection(DurableTaskHostOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(builder.Registry);
        services.AddSingleton(new DurableTaskHostSettings(builder.RunWorker));
        services.TryAddSingleton<InstanceChangeSignal>();
        var backendFactory = builder.BackendFactory ?? (sp => FromConfiguration(sp, configuration));
        services.AddSingleton(backendFactory);
        services.AddSingleton<DurableTaskClient>(sp => new DurableTaskHostClient(
            "DocPipeline", sp.GetRequiredService<DurableTaskBackend>(), sp.GetRequiredService<InstanceChangeSignal>()));
        services.AddHostedService<DurableTaskHostService>();
        return services;
    }

    private static DurableTaskBackend FromConfiguration(IServiceProvider services, IConfiguration configuration)
    {
        var options = services.GetRequiredService<IOptions<DurableTaskHostOptions>>().Value;
        var account = AzureStorageAccount.Read(configuration)
            ?? throw new InvalidOperationException(
                $"No Durable Task backend: set {AzureStorageAccount.DefaultSettingName} (UseDevelopmentStorage=true for Azurite) or choose one with UseBackend.");
        return AzureStorageBackend.Create(options, account, services.GetService<ILoggerFactory>());
    }
}
