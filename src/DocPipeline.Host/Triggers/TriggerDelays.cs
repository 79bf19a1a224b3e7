namespace DocPipeline.Host.Triggers;

/// <summary>Back-off and waits shared by the polling triggers.</summary>
internal static class TriggerDelays
{
    /// <summary>Exponential back-off from <paramref name="first"/>, doubling per attempt, capped at <paramref name="max"/>, with ±20 % jitter.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan first, TimeSpan max)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 20);
        var ticks = Math.Min(first.Ticks * (double)(1L << exponent), max.Ticks);

        // Workers that failed together should not all retry together.
        var jittered = ticks * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromTicks((long)Math.Clamp(jittered, 0, max.Ticks));
    }

    /// <summary>Waits until one of <paramref name="wakeUps"/> completes or <paramref name="timeout"/> passes; false when stopping.</summary>
    public static async Task<bool> WaitAsync(IEnumerable<Task> wakeUps, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = new List<Task>(wakeUps) { Task.Delay(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero, time, cts.Token) };
        await Task.WhenAny(waits);
        await cts.CancelAsync();
        return !cancellationToken.IsCancellationRequested;
    }

    /// <summary>Waits <paramref name="delay"/>; false when stopping.</summary>
    public static async Task<bool> DelayAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
