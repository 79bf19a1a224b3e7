namespace DocPipeline.DurableTask;

/// <summary>The orchestrators and activities this process knows, by name.</summary>
public sealed class DurableTaskHostRegistry
{
    private readonly Dictionary<string, Type> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Type> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>The registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    internal IReadOnlyDictionary<string, Type> Orchestrators => _orchestrators;

    internal IReadOnlyDictionary<string, Type> Activities => _activities;

    internal void AddOrchestrator(string name, Type type) => Add(_orchestrators, name, type, "orchestrator");

    internal void AddActivity(string name, Type type) => Add(_activities, name, type, "activity");

    private static void Add(Dictionary<string, Type> map, string name, Type type, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!map.TryAdd(name, type))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered.", nameof(name));
        }
    }
}
