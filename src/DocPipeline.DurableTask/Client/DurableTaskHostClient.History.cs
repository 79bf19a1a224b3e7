using DurableTask.Core.History;

namespace DocPipeline.DurableTask.Client;

/// <summary>History.</summary>
public sealed partial class DurableTaskHostClient
{
    /// <summary>The history of the instance's latest execution, oldest first; empty when the instance is unknown.</summary>
    /// <inheritdoc />
    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var state = (await Backend.GetOrchestrationStateAsync(instanceId, allExecutions: false).WaitAsync(cancellation).ConfigureAwait(false))?.FirstOrDefault(s => s is not null);
        if (state is null)
        {
            return [];
        }

        var json = await Backend.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId).WaitAsync(cancellation).ConfigureAwait(false);
        return HistoryJson.Parse(json);
    }
}
