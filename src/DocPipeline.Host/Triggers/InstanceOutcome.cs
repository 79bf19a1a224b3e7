using DocPipeline.DurableTask.Http;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Host.Triggers;

/// <summary>Reads what became of a document's instance, for the triggers that report outcomes.</summary>
internal static class InstanceOutcome
{
    /// <summary>The terminal instance, with its output loaded when it did not complete (a termination reason lives there).</summary>
    public static async Task<OrchestrationMetadata?> GetAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, cancellation: cancellationToken);
        if (instance is { RuntimeStatus: not OrchestrationRuntimeStatus.Completed, FailureDetails: null } && instance.RuntimeStatus.IsTerminal())
        {
            instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken) ?? instance;
        }

        return instance;
    }

    /// <summary>Why a terminal instance did not complete.</summary>
    public static string FailureReason(OrchestrationMetadata instance)
    {
        if (instance.FailureDetails is { } failure)
        {
            return failure.ErrorMessage;
        }

        var output = instance.SerializedOutput?.Trim();
        if (!string.IsNullOrEmpty(output) && output != "null")
        {
            return $"The run ended {instance.RuntimeStatus}: {output.Trim('"')}";
        }

        return $"The run ended {instance.RuntimeStatus}.";
    }
}
