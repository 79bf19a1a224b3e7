namespace DocPipeline.Pipeline.Contracts;

/// <summary>
/// The settings a run follows, fixed when it starts and carried in its input, so a configuration change never makes a
/// replay take a different path.
/// </summary>
/// <param name="Models">The model chain, first to last (the offline analyzer, if allowed, is last).</param>
/// <param name="MaxAttemptsPerModel">Attempts per model for transient errors.</param>
/// <param name="FirstRetryInterval">First backoff without a server-given delay.</param>
/// <param name="BackoffCoefficient">Backoff multiplier.</param>
/// <param name="MaxRetryInterval">Longest single backoff.</param>
/// <param name="QuotaExhaustedThreshold">A 429 asking to wait longer than this falls back at once.</param>
/// <param name="CallbackAttempts">Attempts to deliver the callback.</param>
public sealed record PipelinePlan(
    IReadOnlyList<string> Models,
    int MaxAttemptsPerModel,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient,
    TimeSpan MaxRetryInterval,
    TimeSpan QuotaExhaustedThreshold,
    int CallbackAttempts)
{
    /// <summary>How many times an over-long chunk may be halved.</summary>
    public int MaxSplitDepth { get; init; } = 4;

    /// <summary>The delay before retry number <paramref name="retry"/> (1-based), unless the service asked for one.</summary>
    public TimeSpan Backoff(int retry, TimeSpan? serverDelay)
    {
        if (serverDelay is { } asked && asked > TimeSpan.Zero)
        {
            return asked;
        }

        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, retry - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
