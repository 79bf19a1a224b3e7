namespace DocPipeline.Host.Triggers;

/// <summary>
/// An in-process wake-up: set when new work arrives so waiters in this process need not poll.
/// Changes made by other processes are still found by polling.
/// </summary>
internal sealed class WorkSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes every waiter.</summary>
    public void Set() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>A task that completes at the next <see cref="Set"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    /// <summary>
    /// Waits for <paramref name="next"/> (taken from <see cref="NextAsync"/> before looking for work, so a signal
    /// raised while looking is not lost) or until <paramref name="timeout"/> passes on <paramref name="timeProvider"/>.
    /// </summary>
    /// <param name="next">The task from <see cref="NextAsync"/>.</param>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>True when signalled.</returns>
    public static async Task<bool> WaitAsync(Task next, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.IsCompleted)
        {
            return true;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, timeProvider, cts.Token);
        var winner = await Task.WhenAny(next, delay).ConfigureAwait(false);
        await cts.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return winner == next;
    }
}
