using DocPipeline.Durable.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DocPipeline.Durable;

/// <summary>Adds the durable runtime to a service collection.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the client, the worker (unless turned off) and what <paramref name="configure"/> registers. A store must
    /// be chosen, for example with <c>UseSqlite</c>. Worker settings come from <see cref="DurableTaskOptions"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Chooses the store and registers orchestrators and activities.</param>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var registry = new DurableTaskRegistry();
        var builder = new DurableTaskBuilder(services, registry);
        configure(builder);
        services.AddSingleton(registry);
        services.AddOptions<DurableTaskOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DurableTaskClient(sp.GetRequiredService<IOrchestrationStore>(), sp.GetRequiredService<TimeProvider>()));
        if (builder.RunWorker)
        {
            services.AddSingleton<DurableTaskWorker>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
        }

        return services;
    }
}
