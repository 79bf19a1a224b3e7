using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.DurableTask;

/// <summary>The orchestrators and activities this process knows, by name.</summary>
public sealed class DurableTaskHostRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>The registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    internal IReadOnlyDictionary<string, Func<IServiceProvider, ITaskOrchestrator>> Orchestrators => _orchestrators;

    internal IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>> Activities => _activities;

    internal void AddOrchestrator(string name, Type type) =>
        Add(_orchestrators, name, sp => (ITaskOrchestrator)ActivatorUtilities.GetServiceOrCreateInstance(sp, type), "orchestrator");

    internal void AddOrchestrator(string name, Func<IServiceProvider, ITaskOrchestrator> factory) => Add(_orchestrators, name, factory, "orchestrator");

    internal void AddActivity(string name, Func<IServiceProvider, ITaskActivity> factory) => Add(_activities, name, factory, "activity");

    internal void AddOrchestrator(string name, ITaskOrchestrator orchestrator) => Add(_orchestrators, name, _ => orchestrator, "orchestrator");

    internal void AddActivity(string name, Type type) =>
        Add(_activities, name, sp => (ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(sp, type), "activity");

    internal void AddActivity(string name, ITaskActivity activity) => Add(_activities, name, _ => activity, "activity");

    private static void Add<T>(Dictionary<string, T> map, string name, T factory, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!map.TryAdd(name, factory))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered.", nameof(name));
        }
    }
}
