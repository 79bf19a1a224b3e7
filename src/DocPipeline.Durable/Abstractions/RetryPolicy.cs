namespace DocPipeline.Durable;

/// <summary>
/// A durable retry policy for activity and sub-orchestration calls. Backoff waits on durable timers, so a restart
/// during backoff neither loses nor resets the retry.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts including the first (at least 1).</param>
    /// <param name="firstRetryInterval">Delay before the first retry (positive).</param>
    /// <param name="backoffCoefficient">Multiplier applied to the delay after each retry (at least 1; default 1).</param>
    /// <param name="maxRetryInterval">Upper bound of a single delay (default: none).</param>
    /// <param name="retryTimeout">Overall time budget for retries, measured from the first attempt (default: none).</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromDays(6);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Total attempts including the first.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Delay before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Multiplier applied to the delay after each retry.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Upper bound of a single delay.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Overall time budget for retries; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>
    /// Decides whether a failure may be retried. The default retries everything not marked non-retriable.
    /// </summary>
    public Func<TaskFailureDetails, bool> Handle { get; init; } = static _ => true;

    /// <summary>The delay before retry number <paramref name="retryNumber"/> (1 for the first retry).</summary>
    /// <param name="retryNumber">The retry number, starting at 1.</param>
    public TimeSpan GetDelay(int retryNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, retryNumber - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Whether a failure should be retried under this policy (non-retriable failures never are).</summary>
    /// <param name="failure">The failure.</param>
    public bool ShouldRetry(TaskFailureDetails failure) => !failure.IsNonRetriable && Handle(failure);
}
