using DocPipeline.DurableTask.Hosting;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Entities;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace DocPipeline.DurableTask.Client;

/// <summary>
/// The Durable Task SDK client over a DTFx backend: what a Functions app gets from <c>[DurableClient]</c>, here
/// implemented on <see cref="IOrchestrationServiceClient"/> and the backend's query, purge and rewind support.
/// Payloads use the SDK's JSON data converter, the one the worker's shims use.
/// </summary>
public sealed partial class DurableTaskHostClient : DurableTaskClient
{
    private static readonly CoreStatus[] ActiveStatuses = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];

    private readonly DurableTaskBackend _backend;
    private readonly InstanceChangeSignal _signal;
    private readonly DataConverter _converter = DurableJson.Converter;

    internal DurableTaskHostClient(string name, DurableTaskBackend backend, InstanceChangeSignal signal)
        : base(name)
    {
        _backend = backend;
        _signal = signal;
    }

    /// <summary>
    /// A task that completes when this process's worker next commits a step of any instance: lets a caller that
    /// follows many instances re-read them on change instead of on a timer. Changes made by other processes do not
    /// complete it.
    /// </summary>
    public Task WhenAnyInstanceChangesAsync() => _signal.NextAnyChangeAsync();

    /// <summary>The backend this client talks to, for logs and health answers.</summary>
    public string BackendDescription => _backend.Description;

    /// <summary>A short name of the backend: <c>sqlite</c>, <c>azure</c>, or <c>custom</c> for any other.</summary>
    public string BackendKind => _backend.Service switch
    {
        DocPipeline.DurableTask.Sqlite.SqliteOrchestrationService => "sqlite",
        global::DurableTask.AzureStorage.AzureStorageOrchestrationService => "azure",
        _ => "custom",
    };

    /// <summary>Entities are not used by this application; the standalone host does not run them.</summary>
    public override DurableEntityClient Entities => throw new NotSupportedException("Durable entities are not enabled in this host.");

    private IOrchestrationServiceClient Backend => _backend.Client;

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        var states = await Backend.GetOrchestrationStateAsync(instanceId, allExecutions: false).WaitAsync(cancellation).ConfigureAwait(false);
        var state = states?.FirstOrDefault(s => s is not null);
        if (state is null)
        {
            return null;
        }

        var metadata = ToMetadata(state, getInputsAndOutputs);
        if (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && metadata.FailureDetails is null)
        {
            // Some backends (DurableTask.AzureStorage) keep only the output on the instance; the history has the details.
            metadata = await WithFailureFromHistoryAsync(metadata, state, cancellation).ConfigureAwait(false);
        }

        return metadata;
    }

    private async Task<OrchestrationMetadata> WithFailureFromHistoryAsync(OrchestrationMetadata metadata, OrchestrationState state, CancellationToken cancellation)
    {
        var json = await Backend.GetOrchestrationHistoryAsync(state.OrchestrationInstance.InstanceId, state.OrchestrationInstance.ExecutionId).WaitAsync(cancellation).ConfigureAwait(false);
        var completed = HistoryJson.Parse(json).OfType<global::DurableTask.Core.History.ExecutionCompletedEvent>().LastOrDefault();
        var details = ToSdk(completed?.FailureDetails)
            ?? new TaskFailureDetails("OrchestrationFailed", state.Output ?? "The orchestration failed.", null, null, null);
        return new OrchestrationMetadata(metadata.Name, metadata.InstanceId)
        {
            DataConverter = metadata.DataConverter,
            RuntimeStatus = metadata.RuntimeStatus,
            CreatedAt = metadata.CreatedAt,
            LastUpdatedAt = metadata.LastUpdatedAt,
            SerializedInput = metadata.SerializedInput,
            SerializedOutput = metadata.SerializedOutput,
            SerializedCustomStatus = metadata.SerializedCustomStatus,
            FailureDetails = details,
        };
    }

    private OrchestrationMetadata ToMetadata(OrchestrationState state, bool getInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = getInputsAndOutputs ? _converter : null,
            RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
            CreatedAt = ToOffset(state.CreatedTime),
            LastUpdatedAt = ToOffset(state.LastUpdatedTime),
            SerializedInput = getInputsAndOutputs ? state.Input : null,
            SerializedOutput = getInputsAndOutputs ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = ToSdk(state.FailureDetails),
        };

    private static DateTimeOffset ToOffset(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

    private static TaskFailureDetails? ToSdk(FailureDetails? details) =>
        details is null ? null : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToSdk(details.InnerFailure), details.Properties);

    private static CoreStatus ToCore(OrchestrationRuntimeStatus status) => (CoreStatus)status;

    private T Require<T>()
        where T : class =>
        Backend as T ?? throw new NotSupportedException($"The backend ({_backend.Description}) does not implement {typeof(T).Name}.");
}
