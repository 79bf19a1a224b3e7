using Microsoft.Extensions.Logging;

namespace DocPipeline.Durable;

/// <summary>
/// What orchestrator code may use. Orchestrators are replayed from history, so their code must be deterministic:
/// take time from <see cref="CurrentUtcDateTime"/>, ids from <see cref="NewGuid"/>, and do all I/O in activities.
/// Do not use <c>Task.Run</c>, <c>Task.Delay</c>, <c>ConfigureAwait(false)</c>, the clock, random numbers or
/// environment variables inside an orchestrator.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The orchestrator name.</summary>
    public abstract string Name { get; }

    /// <summary>True while the code is re-running steps that are already in history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The current time, replay-safe: the time the current step started.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>The parent instance id when this is a sub-orchestration.</summary>
    public abstract string? ParentInstanceId { get; }

    /// <summary>Reads the orchestration input.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    public abstract T? GetInput<T>();

    /// <summary>A replay-safe new GUID (name-based, from the instance id and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>Calls an activity and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The input; serialized to JSON.</param>
    /// <param name="options">Retry options.</param>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Calls an activity that returns nothing.</summary>
    /// <param name="name">The activity name.</param>
    /// <param name="input">The input; serialized to JSON.</param>
    /// <param name="options">Retry options.</param>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    /// <typeparam name="TResult">The output type.</typeparam>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Retry options and the child's instance id.</param>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>A durable timer that completes at <paramref name="fireAt"/>.</summary>
    /// <param name="fireAt">When the timer fires (UTC).</param>
    /// <param name="cancellationToken">Cancels the timer; its task then ends as canceled.</param>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that completes after <paramref name="delay"/>.</summary>
    /// <param name="delay">The delay from <see cref="CurrentUtcDateTime"/>.</param>
    /// <param name="cancellationToken">Cancels the timer.</param>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event raised with <paramref name="eventName"/>.</summary>
    /// <typeparam name="T">The event payload type.</typeparam>
    /// <param name="eventName">The event name (case-insensitive).</param>
    /// <param name="timeout">How long to wait; a <see cref="TimeoutException"/> is thrown when it passes.</param>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan? timeout = null);

    /// <summary>Sets the custom status clients see; serialized to JSON.</summary>
    /// <param name="customStatus">The status object, or null to clear it.</param>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the orchestration with new input and a fresh history once the code returns.</summary>
    /// <param name="newInput">The new input.</param>
    /// <param name="preserveUnprocessedEvents">Carry external events not yet received into the new execution.</param>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    /// <param name="logger">The logger to wrap.</param>
    public abstract ILogger CreateReplaySafeLogger(ILogger logger);
}
