using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.DurableTask;

/// <summary>Configures the engine: which orchestrators and activities it runs, on which backend, with or without a worker.</summary>
public sealed class DurableTaskHostBuilder
{
    internal DurableTaskHostBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Whether this process runs orchestrations and activities. Default <c>true</c>; a client-only process (a CLI
    /// command, an API front end) sets <c>false</c> and only starts, queries and controls instances.
    /// </summary>
    public bool RunWorker { get; set; } = true;

    internal DurableTaskHostRegistry Registry { get; } = new();

    internal Func<IServiceProvider, DurableTaskBackend>? BackendFactory { get; private set; }

    /// <summary>Registers an orchestrator, created from DI (or with its constructor's services) for each execution.</summary>
    /// <typeparam name="T">The orchestrator class.</typeparam>
    /// <param name="name">Its name; the class name when null.</param>
    /// <returns>This builder.</returns>
    public DurableTaskHostBuilder AddOrchestrator<T>(string? name = null)
        where T : class, ITaskOrchestrator
    {
        Registry.AddOrchestrator(name ?? typeof(T).Name, typeof(T));
        return this;
    }

    /// <summary>Registers an activity, created from a DI scope for each execution.</summary>
    /// <typeparam name="T">The activity class.</typeparam>
    /// <param name="name">Its name; the class name when null.</param>
    /// <returns>This builder.</returns>
    public DurableTaskHostBuilder AddActivity<T>(string? name = null)
        where T : class, ITaskActivity
    {
        Registry.AddActivity(name ?? typeof(T).Name, typeof(T));
        return this;
    }

    /// <summary>Registers an orchestrator written as a function (it must be deterministic, as any orchestrator).</summary>
    /// <typeparam name="TInput">Its input.</typeparam>
    /// <typeparam name="TOutput">Its output.</typeparam>
    /// <param name="name">Its name.</param>
    /// <param name="implementation">The orchestration.</param>
    /// <returns>This builder.</returns>
    public DurableTaskHostBuilder AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput?, Task<TOutput?>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        Registry.AddOrchestrator(name, FuncTaskOrchestrator.Create(implementation));
        return this;
    }

    /// <summary>Registers an activity written as a function.</summary>
    /// <typeparam name="TInput">Its input.</typeparam>
    /// <typeparam name="TOutput">Its output.</typeparam>
    /// <param name="name">Its name.</param>
    /// <param name="implementation">The activity.</param>
    /// <returns>This builder.</returns>
    public DurableTaskHostBuilder AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput?, Task<TOutput?>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        Registry.AddActivity(name, FuncTaskActivity.Create(implementation));
        return this;
    }

    /// <summary>
    /// Registers what an SDK <see cref="DurableTaskRegistry"/> holds, so code written for a Durable Task SDK worker
    /// (for example a shared <c>registry.AddXxx()</c> extension) registers the same tasks here.
    /// </summary>
    /// <param name="configure">Adds orchestrators and activities to the registry.</param>
    /// <returns>This builder.</returns>
    public DurableTaskHostBuilder AddTasks(Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var registry = new DurableTaskRegistry();
        configure(registry);
        foreach (var (name, factory) in registry.GetOrchestrators())
        {
            Registry.AddOrchestrator(name.Name, factory);
        }

        foreach (var (name, factory) in registry.GetActivities())
        {
            Registry.AddActivity(name.Name, factory);
        }

        return this;
    }

    /// <summary>Runs on the given backend instead of choosing one from configuration.</summary>
    /// <param name="factory">Creates the backend once, from the application's services.</param>
    /// <returns>This builder.</returns>
    public DurableTaskHostBuilder UseBackend(Func<IServiceProvider, DurableTaskBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        BackendFactory = factory;
        return this;
    }
}
