using System.Runtime.CompilerServices;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;

namespace DocPipeline.Durable;

/// <summary>Starts, inspects and controls orchestration instances.</summary>
public sealed class DurableTaskClient
{
    private readonly IOrchestrationStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates a client over a store.</summary>
    /// <param name="store">The store.</param>
    /// <param name="timeProvider">The clock; the system clock when null.</param>
    public DurableTaskClient(IOrchestrationStore store, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The store behind this client.</summary>
    public IOrchestrationStore Store => _store;

    /// <summary>How often waits re-read the store when no in-process signal arrives (other processes' changes). Default 1 s.</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Starts an orchestration. Starting an id that is still active throws <see cref="OrchestrationAlreadyExistsException"/>;
    /// a finished instance with that id is replaced.
    /// </summary>
    /// <param name="name">The orchestrator name.</param>
    /// <param name="input">The input.</param>
    /// <param name="options">Instance id, start time and dedupe statuses.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The instance id.</returns>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string name, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        options ??= new StartOrchestrationOptions();
        var instanceId = options.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var now = _time.GetUtcNow().UtcDateTime;
        var instance = new NewInstance(instanceId, Guid.NewGuid().ToString("N"), name, JsonDataConverter.Serialize(input), now, options.StartAt?.UtcDateTime);
        await _store.CreateInstanceAsync(instance, options.DedupeStatuses, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>Reads an instance; null when unknown.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether to load input and output.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        _store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);

    /// <summary>Reads an instance's history, oldest first.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _store.GetHistoryAsync(instanceId, cancellationToken);

    /// <summary>Waits until the instance reaches a terminal status and returns it.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether to load input and output.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, s => s.IsTerminal(), cancellationToken);

    /// <summary>Waits until the instance has left the Pending status and returns it.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="getInputsAndOutputs">Whether to load input and output.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, s => s != OrchestrationRuntimeStatus.Pending, cancellationToken);

    /// <summary>Sends an external event to a running instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventName">The event name.</param>
    /// <param name="eventPayload">The payload.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var instance = await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance.RuntimeStatus.IsTerminal())
        {
            throw new InstanceStateException(instanceId, instance.RuntimeStatus, $"Instance '{instanceId}' is {instance.RuntimeStatus}; it can no longer receive events.");
        }

        await SendAsync(instanceId, new HistoryEvent
        {
            EventType = HistoryEventType.EventRaised,
            Name = eventName,
            Input = JsonDataConverter.Serialize(eventPayload),
            Timestamp = _time.GetUtcNow().UtcDateTime,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Terminates an active instance. It stops at its next step; running activities finish but their results are ignored.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">The reason, recorded as the output.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        ControlAsync(instanceId, HistoryEventType.ExecutionTerminated, reason, s => s.IsActive(), "terminated", cancellationToken);

    /// <summary>Suspends an active instance: new events wait until it is resumed.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        ControlAsync(instanceId, HistoryEventType.ExecutionSuspended, reason, s => s.IsActive(), "suspended", cancellationToken);

    /// <summary>Resumes a suspended instance.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">The reason.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        ControlAsync(instanceId, HistoryEventType.ExecutionResumed, reason, s => s.IsActive(), "resumed", cancellationToken);

    /// <summary>Starts a finished instance again with its original input.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="restartWithNewInstanceId">Start under a new id instead of replacing the old instance.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The id of the started instance.</returns>
    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default)
    {
        var instance = await _store.GetInstanceAsync(instanceId, includePayloads: true, cancellationToken).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);
        var newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        var now = _time.GetUtcNow().UtcDateTime;
        var start = new NewInstance(newId, Guid.NewGuid().ToString("N"), instance.Name, instance.SerializedInput, now);
        await _store.CreateInstanceAsync(start, new StartOrchestrationOptions().DedupeStatuses, cancellationToken).ConfigureAwait(false);
        return newId;
    }

    /// <summary>
    /// Re-runs a failed instance from its failed step: the failure is removed from history, everything before it is
    /// replayed (not re-executed), and the failed call runs again.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="reason">The reason, recorded in history.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var instance = await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
            {
                throw new InstanceStateException(instanceId, instance.RuntimeStatus, $"Instance '{instanceId}' is {instance.RuntimeStatus}; only failed instances can be rewound.");
            }

            var history = await _store.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
            var rewound = RewindPlanner.RemoveFailure(history);
            var wakeUp = new OrchestrationMessage(instanceId, instance.ExecutionId, new HistoryEvent
            {
                EventType = HistoryEventType.ExecutionRewound,
                Reason = reason,
                Timestamp = _time.GetUtcNow().UtcDateTime,
            });
            if (await _store.RewindAsync(instanceId, instance.Version, rewound, wakeUp, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Instance '{instanceId}' kept changing while being rewound; try again.");
    }

    /// <summary>Deletes an instance and its history; false when unknown.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _store.PurgeInstanceAsync(instanceId, cancellationToken);

    /// <summary>Deletes all instances matching a filter; returns how many.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<int> PurgeAllInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default) =>
        _store.PurgeInstancesAsync(filter, cancellationToken);

    /// <summary>Lists one page of instances.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        _store.QueryInstancesAsync(query, cancellationToken);

    /// <summary>Lists every instance matching a filter, page by page.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(InstanceQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new InstanceQuery();
        while (true)
        {
            var page = await _store.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
    }

    private async Task<OrchestrationMetadata> WaitForAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationRuntimeStatus, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var signal = _store.StatusSignal.NextAsync();
            var instance = await _store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
                ?? throw new InstanceNotFoundException(instanceId);
            if (done(instance.RuntimeStatus))
            {
                return instance;
            }

            await WorkSignal.WaitAsync(signal, PollingInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ControlAsync(string instanceId, HistoryEventType kind, string? reason, Func<OrchestrationRuntimeStatus, bool> allowed, string verb, CancellationToken cancellationToken)
    {
        var instance = await RequireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (!allowed(instance.RuntimeStatus))
        {
            throw new InstanceStateException(instanceId, instance.RuntimeStatus, $"Instance '{instanceId}' is {instance.RuntimeStatus}; it cannot be {verb}.");
        }

        await SendAsync(instanceId, new HistoryEvent { EventType = kind, Reason = reason, Timestamp = _time.GetUtcNow().UtcDateTime }, cancellationToken).ConfigureAwait(false);
    }

    private Task SendAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken) =>
        _store.SendMessagesAsync([new OrchestrationMessage(instanceId, null, e)], cancellationToken);

    private async Task<OrchestrationMetadata> RequireAsync(string instanceId, CancellationToken cancellationToken) =>
        await _store.GetInstanceAsync(instanceId, includePayloads: false, cancellationToken).ConfigureAwait(false)
        ?? throw new InstanceNotFoundException(instanceId);

    private static void ValidateInstanceId(string instanceId)
    {
        if (!Http.InstanceIds.TryValidate(instanceId, "instance id", out var error))
        {
            throw new ArgumentException(error, nameof(instanceId));
        }
    }
}
