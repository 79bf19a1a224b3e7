using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Durable;

/// <summary>Configures the durable runtime: the store, the orchestrators and the activities.</summary>
public sealed class DurableTaskBuilder
{
    internal DurableTaskBuilder(IServiceCollection services, DurableTaskRegistry registry)
    {
        Services = services;
        Registry = registry;
    }

    /// <summary>The service collection, for store extensions.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The orchestrators and activities.</summary>
    public DurableTaskRegistry Registry { get; }

    /// <summary>Whether to run a worker in this process (default true). Client-only processes turn it off.</summary>
    public bool RunWorker { get; set; } = true;
}
