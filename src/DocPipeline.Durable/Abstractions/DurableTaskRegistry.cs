using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Durable;

/// <summary>The orchestrators and activities a worker can run, by name (case-insensitive).</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered orchestrator names.</summary>
    public IEnumerable<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>The registered activity names.</summary>
    public IEnumerable<string> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator class, created through dependency injection for each execution.</summary>
    /// <typeparam name="T">The orchestrator type.</typeparam>
    /// <param name="name">The name; the class name when null.</param>
    public DurableTaskRegistry AddOrchestrator<T>(string? name = null)
        where T : class, ITaskOrchestrator
    {
        Add(_orchestrators, name ?? typeof(T).Name, sp => ActivatorUtilities.GetServiceOrCreateInstance<T>(sp), "orchestrator");
        return this;
    }

    /// <summary>Registers an orchestrator function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="run">The orchestrator code.</param>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var orchestrator = new FuncOrchestrator<TInput, TOutput>(run);
        Add(_orchestrators, name, _ => orchestrator, "orchestrator");
        return this;
    }

    /// <summary>Registers an activity class, resolved through dependency injection (in a new scope) for each call.</summary>
    /// <typeparam name="T">The activity type.</typeparam>
    /// <param name="name">The name; the class name when null.</param>
    public DurableTaskRegistry AddActivity<T>(string? name = null)
        where T : class, ITaskActivity
    {
        Add(_activities, name ?? typeof(T).Name, sp => ActivatorUtilities.GetServiceOrCreateInstance<T>(sp), "activity");
        return this;
    }

    /// <summary>Registers an activity function.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="run">The activity code.</param>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var activity = new FuncActivity<TInput, TOutput>((_, input, ct) => run(input, ct));
        Add(_activities, name, _ => activity, "activity");
        return this;
    }

    /// <summary>Registers an activity function that also receives the call's context.</summary>
    /// <typeparam name="TInput">The input type.</typeparam>
    /// <typeparam name="TOutput">The output type.</typeparam>
    /// <param name="name">The name.</param>
    /// <param name="run">The activity code.</param>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, CancellationToken, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var activity = new FuncActivity<TInput, TOutput>(run);
        Add(_activities, name, _ => activity, "activity");
        return this;
    }

    internal bool TryCreateOrchestrator(string name, IServiceProvider services, out ITaskOrchestrator? orchestrator)
    {
        orchestrator = _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;
        return orchestrator is not null;
    }

    internal bool TryCreateActivity(string name, IServiceProvider services, out ITaskActivity? activity)
    {
        activity = _activities.TryGetValue(name, out var factory) ? factory(services) : null;
        return activity is not null;
    }

    private static void Add<T>(Dictionary<string, T> map, string name, T factory, string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!map.TryAdd(name, factory))
        {
            throw new InvalidOperationException($"An {kind} named '{name}' is already registered.");
        }
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) : ITaskOrchestrator
    {
        public async Task<object?> RunAsync(TaskOrchestrationContext context) => await run(context, context.GetInput<TInput>()!);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, CancellationToken, Task<TOutput>> run) : ITaskActivity
    {
        public Type InputType => typeof(TInput);

        public async Task<object?> RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken) =>
            await run(context, (TInput)input!, cancellationToken).ConfigureAwait(false);
    }
}
