using System.Collections.Concurrent;

namespace DocPipeline.Inference.RateLimiting;

/// <summary>
/// Shared per-model budgets of requests and tokens per minute. Callers wait in <see cref="AcquireAsync"/> until a
/// call fits the budget, so workers slow down before the service answers 429; a 429 that does arrive pauses the
/// model for the delay the service asked for.
/// </summary>
/// <remarks>Budgets are sliding 60-second windows. Waiting uses the injected <see cref="TimeProvider"/>.</remarks>
public sealed class ModelRateLimiter
{
    private readonly ModelRateLimitOptions _options;
    private readonly Dictionary<string, ModelRateLimit> _limits;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ModelRateWindow> _windows = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the limiter.</summary>
    /// <param name="options">Budgets per model.</param>
    /// <param name="timeProvider">Clock and timers; the system clock when null.</param>
    /// <exception cref="ArgumentException">A budget is zero or negative; the message names the key.</exception>
    public ModelRateLimiter(ModelRateLimitOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = ModelRateLimitOptionsValidator.Check(options);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _limits = new Dictionary<string, ModelRateLimit>(options.RateLimits, StringComparer.OrdinalIgnoreCase);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Waits until a call of <paramref name="estimatedTokens"/> to <paramref name="model"/> fits the budget, then counts it.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="estimatedTokens">Estimated input tokens of the call.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the call may proceed.</returns>
    public async Task AcquireAsync(string model, int estimatedTokens, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentOutOfRangeException.ThrowIfNegative(estimatedTokens);
        var limit = LimitFor(model);
        var window = _windows.GetOrAdd(model, static _ => new ModelRateWindow());
        await window.Gate.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (window)
                {
                    wait = window.TryAdmit(_time.GetUtcNow(), limit, estimatedTokens);
                }

                if (wait <= TimeSpan.Zero)
                {
                    return;
                }

                await Task.Delay(wait, _time, cancellationToken);
            }
        }
        finally
        {
            window.Gate.Release();
        }
    }

    /// <summary>Pauses <paramref name="model"/> after the service answered 429.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="retryAfter">The delay the service asked for; <see cref="ModelRateLimitOptions.RateLimitedPause"/> when null.</param>
    public void ReportRateLimited(string model, TimeSpan? retryAfter)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        var pause = retryAfter is { } asked && asked > TimeSpan.Zero ? asked : _options.RateLimitedPause;
        var window = _windows.GetOrAdd(model, static _ => new ModelRateWindow());
        lock (window)
        {
            window.PauseUntil(_time.GetUtcNow() + pause);
        }
    }

    /// <summary>When the pause imposed by the last 429 ends, or null when <paramref name="model"/> is not paused.</summary>
    /// <param name="model">The model id.</param>
    /// <returns>The end of the pause, or null.</returns>
    public DateTimeOffset? GetPausedUntil(string model)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (!_windows.TryGetValue(model, out var window))
        {
            return null;
        }

        lock (window)
        {
            return window.PausedUntil > _time.GetUtcNow() ? window.PausedUntil : null;
        }
    }

    private ModelRateLimit? LimitFor(string model) =>
        _limits.TryGetValue(model, out var limit) ? limit : _options.DefaultRateLimit;
}
