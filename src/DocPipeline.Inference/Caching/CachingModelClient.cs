using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DocPipeline.Inference.Caching;

/// <summary>
/// Makes model calls idempotent: a stored answer is returned without calling the model, and a new complete
/// (finish reason STOP) answer is saved before it is returned, so a re-run after a crash never pays twice.
/// </summary>
/// <remarks>
/// Failed calls and answers with any other finish reason are not stored. An unreadable stored entry counts as a
/// miss and is overwritten. If saving fails the answer is still returned (it has been paid for) and the failure is
/// logged; the next identical call will then reach the model again.
/// </remarks>
public sealed class CachingModelClient : IModelClient
{
    private readonly IModelClient _inner;
    private readonly IModelResponseStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="inner">The client that really calls the model.</param>
    /// <param name="store">Where answers are kept.</param>
    /// <param name="timeProvider">Clock for the saved-at stamp; the system clock when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    public CachingModelClient(IModelClient inner, IModelResponseStore store, TimeProvider? timeProvider = null, ILogger<CachingModelClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(store);
        _inner = inner;
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    /// <remarks>The key is <see cref="ModelResponseKey.ForRequest"/>.</remarks>
    public Task<ModelResponse> GenerateAsync(ModelRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GenerateAsync(request, ModelResponseKey.ForRequest(request), cancellationToken);
    }

    /// <summary>Like <see cref="GenerateAsync(ModelRequest, CancellationToken)"/> with a key chosen by the caller.</summary>
    /// <param name="request">The request.</param>
    /// <param name="key">The cache key, for example from <see cref="ModelResponseKey.Create"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored or new answer; <see cref="ModelResponse.FromCache"/> says which.</returns>
    public async Task<ModelResponse> GenerateAsync(ModelRequest request, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(key);

        var payload = await _store.TryGetAsync(key, cancellationToken);
        if (payload is not null)
        {
            if (StoredModelResponse.TryRead(key, payload) is { } stored)
            {
                Logs.CacheHit(_logger, request.Model, key);
                return stored.ToResponse();
            }

            Logs.CacheEntryUnreadable(_logger, key);
        }

        var response = await _inner.GenerateAsync(request, cancellationToken);
        if (response.FinishReason != ModelFinishReason.Stop || response.FromCache)
        {
            return response;
        }

        try
        {
            // Not cancellable: the answer is already paid for, so keeping it matters more than stopping quickly.
            await _store.SaveAsync(key, StoredModelResponse.From(key, response, _time.GetUtcNow()).Serialize(), CancellationToken.None);
        }
        catch (Exception ex)
        {
            Logs.CacheSaveFailed(_logger, key, ex);
        }

        return response;
    }
}
