using Microsoft.DurableTask.Client;

namespace DocPipeline.DurableTask.Client;

/// <summary>
/// Waits. A step committed by this process's worker wakes the waiter at once; steps committed elsewhere are seen by
/// polling that starts at 50 ms and backs off to 1 s.
/// </summary>
public sealed partial class DurableTaskHostClient
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    /// <summary>Waits until the instance has started; throws <see cref="InvalidOperationException"/> when it does not exist.</summary>
    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellation);

    /// <summary>Waits until the instance has finished; throws <see cref="InvalidOperationException"/> when it does not exist.</summary>
    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellation);

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        try
        {
            return await PollAsync(instanceId, getInputsAndOutputs, done, FirstPoll, cancellation).ConfigureAwait(false);
        }
        finally
        {
            _signal.Forget(instanceId);
        }
    }

    private async Task<OrchestrationMetadata> PollAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, TimeSpan poll, CancellationToken cancellation)
    {
        while (true)
        {
            // Taken before the read, so a commit between the read and the wait still wakes it.
            var changed = _signal.NextChangeAsync(instanceId);
            var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Orchestration with instanceId '{instanceId}' does not exist.");
            if (done(instance))
            {
                return instance;
            }

            await Task.WhenAny(changed, Task.Delay(poll, cancellation)).ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
            poll = TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, LongestPoll.Ticks));
        }
    }
}
