using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace DocPipeline.DurableTask.Client;

/// <summary>Scheduling and restarting instances.</summary>
public sealed partial class DurableTaskHostClient
{
    /// <summary>
    /// Schedules an instance. Without <see cref="StartOrchestrationOptions.DedupeStatuses"/> an id may be reused only
    /// once its instance has finished, as in Durable Functions; an active one makes this throw
    /// <see cref="OrchestrationAlreadyExistsException"/>.
    /// </summary>
    /// <inheritdoc />
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName.Name);
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var dedupe = options?.DedupeStatuses is { Count: > 0 } given ? given.Select(ParseStatus).Distinct().ToArray() : ActiveStatuses;
        var existing = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false);
        if (existing is not null && dedupe.Contains(ToCore(existing.RuntimeStatus)))
        {
            throw new OrchestrationAlreadyExistsException($"An orchestration with instance ID '{instanceId}' and status '{existing.RuntimeStatus}' already exists.");
        }

        var tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value) ?? [];
        await CreateAsync(orchestratorName.Name, options?.Version, instanceId, _converter.Serialize(input), options?.StartAt, tags, dedupe, cancellation).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>
    /// Starts a finished instance again with its name and input, under the same id or a new one. Throws
    /// <see cref="ArgumentException"/> for an unknown instance and <see cref="OrchestrationAlreadyExistsException"/>
    /// when the same id is still active.
    /// </summary>
    /// <inheritdoc />
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var current = await GetInstancesAsync(instanceId, getInputsAndOutputs: true, cancellation).ConfigureAwait(false)
            ?? throw new ArgumentException($"An orchestration with the instanceId {instanceId} was not found.", nameof(instanceId));
        if (!restartWithNewInstanceId && ActiveStatuses.Contains(ToCore(current.RuntimeStatus)))
        {
            throw new OrchestrationAlreadyExistsException(
                $"Instance '{instanceId}' cannot be restarted while it is {current.RuntimeStatus}; wait until it has finished, or restart it with a new instance id.");
        }

        var newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        await CreateAsync(current.Name, null, newId, current.SerializedInput, null, [], ActiveStatuses, cancellation).ConfigureAwait(false);
        return newId;
    }

    private async Task CreateAsync(
        string name, string? version, string instanceId, string? serializedInput, DateTimeOffset? startAt, Dictionary<string, string> tags, CoreStatus[] dedupe, CancellationToken cancellation)
    {
        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, serializedInput)
        {
            Name = name,
            Version = version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = startAt?.UtcDateTime,
            Tags = tags,
        };
        if (Activity.Current is { Id: { } traceId } activity)
        {
            started.ParentTraceContext = new global::DurableTask.Core.Tracing.DistributedTraceContext(traceId, activity.TraceStateString);
        }

        cancellation.ThrowIfCancellationRequested();
        await Backend.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe).ConfigureAwait(false);
        _signal.Changed(instanceId);
    }

    private static CoreStatus ParseStatus(string status) =>
        Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed)
            ? ToCore(parsed)
            : throw new ArgumentException($"'{status}' is not an orchestration runtime status.", nameof(status));
}
