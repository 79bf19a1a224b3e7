namespace DocPipeline.Inference.RateLimiting;

/// <summary>A sliding 60-second log of admitted calls for one model, plus any pause a 429 imposed.</summary>
/// <remarks>Not thread-safe on its own; <see cref="ModelRateLimiter"/> serialises access.</remarks>
internal sealed class ModelRateWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    private readonly Queue<(DateTimeOffset At, int Tokens)> _admitted = new();
    private long _tokensInWindow;

    /// <summary>Waiters for this model queue here so the oldest one is admitted first.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public DateTimeOffset PausedUntil { get; private set; } = DateTimeOffset.MinValue;

    public void PauseUntil(DateTimeOffset until)
    {
        if (until > PausedUntil)
        {
            PausedUntil = until;
        }
    }

    /// <summary>Admits the call and returns zero, or returns how long to wait before asking again.</summary>
    public TimeSpan TryAdmit(DateTimeOffset now, ModelRateLimit? limit, int tokens)
    {
        Expire(now);
        if (PausedUntil > now)
        {
            return PausedUntil - now;
        }

        if (limit?.RequestsPerMinute is { } rpm && _admitted.Count >= rpm)
        {
            // The oldest entries must leave the window until one slot is free.
            return _admitted.ElementAt(_admitted.Count - rpm).At + Length - now;
        }

        if (limit?.TokensPerMinute is { } tpm && _admitted.Count > 0 && _tokensInWindow + tokens > tpm)
        {
            // A request larger than the whole budget is let through once the window is empty, or it would wait forever.
            var excess = _tokensInWindow + Math.Min(tokens, tpm) - tpm;
            foreach (var (at, used) in _admitted)
            {
                excess -= used;
                if (excess <= 0)
                {
                    return at + Length - now;
                }
            }
        }

        _admitted.Enqueue((now, tokens));
        _tokensInWindow += tokens;
        return TimeSpan.Zero;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_admitted.Count > 0 && _admitted.Peek().At + Length <= now)
        {
            _tokensInWindow -= _admitted.Dequeue().Tokens;
        }
    }
}
