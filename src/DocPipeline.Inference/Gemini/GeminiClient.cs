using DocPipeline.Inference.Pricing;
using DocPipeline.Inference.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DocPipeline.Inference.Gemini;

/// <summary>
/// Calls Gemini over REST, on Vertex AI or the Developer API. Every failure surfaces as a
/// <see cref="ModelCallException"/> except caller cancellation, which stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// The client does not retry: retries belong to the caller's durable retry policy. With a
/// <see cref="ModelRateLimiter"/> it waits for budget before each call and pauses the model after a 429.
/// </remarks>
public sealed partial class GeminiClient : IModelClient
{
    private readonly HttpClient _http;
    private readonly GeminiOptions _options;
    private readonly GeminiBackend _backend;
    private readonly IAccessTokenSource? _accessTokens;
    private readonly ModelPriceTable _prices;
    private readonly ModelRateLimiter? _rateLimiter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the client.</summary>
    /// <param name="httpClient">The HTTP client; its own timeout should be infinite, as <see cref="GeminiOptions.RequestTimeout"/> governs.</param>
    /// <param name="options">Settings.</param>
    /// <param name="accessTokenSource">Bearer tokens for Vertex AI; <see cref="GoogleAccessTokenSource"/> from the settings when null.</param>
    /// <param name="prices">Prices for <see cref="ModelResponse.CostUsd"/>; the defaults when null.</param>
    /// <param name="rateLimiter">Shared budgets; none when null.</param>
    /// <param name="timeProvider">Clock and timers; the system clock when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each bad setting.</exception>
    public GeminiClient(
        HttpClient httpClient,
        IOptions<GeminiOptions> options,
        IAccessTokenSource? accessTokenSource = null,
        ModelPriceTable? prices = null,
        ModelRateLimiter? rateLimiter = null,
        TimeProvider? timeProvider = null,
        ILogger<GeminiClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _http = httpClient;
        _backend = _options.EffectiveBackend;
        _accessTokens = _backend == GeminiBackend.Vertex
            ? accessTokenSource ?? new GoogleAccessTokenSource(_options.CredentialsFile, _options.CredentialsJson)
            : null;
        _prices = prices ?? ModelPriceTable.Default;
        _rateLimiter = rateLimiter;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The back end this client calls.</summary>
    public GeminiBackend Backend => _backend;

    /// <inheritdoc />
    public async Task<ModelResponse> GenerateAsync(ModelRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureCallable(request.Model);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw new ModelCallException(ModelErrorKind.InvalidRequest, request.Model, "The prompt is empty.");
        }

        var body = GeminiRequestWriter.WriteGenerateContent(request);
        if (_rateLimiter is not null)
        {
            await _rateLimiter.AcquireAsync(request.Model, EstimateTokens(request), cancellationToken);
        }

        var started = _time.GetTimestamp();
        var reply = await SendAsync(request.Model, GeminiEndpoints.GenerateContent, body, cancellationToken);
        ModelResponse response;
        try
        {
            response = GeminiResponseReader.ReadGenerateContent(request.Model, reply);
        }
        catch (ModelCallException ex)
        {
            Logs.ModelCallFailed(_logger, request.Model, ex.Kind, 200);
            throw;
        }

        response = response with { CostUsd = _prices.Cost(request.Model, response.Usage) };
        Logs.ModelCallSucceeded(
            _logger,
            request.Model,
            (long)_time.GetElapsedTime(started).TotalMilliseconds,
            response.Usage.PromptTokens,
            response.Usage.BilledOutputTokens,
            response.CostUsd);
        return response;
    }

    /// <summary>Counts the tokens <paramref name="text"/> would use as a prompt to <paramref name="model"/>.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="text">The user text.</param>
    /// <param name="systemInstruction">An optional system instruction to count as well.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The service's <c>totalTokens</c>.</returns>
    /// <exception cref="ModelCallException">The call failed.</exception>
    public async Task<int> CountTokensAsync(string model, string text, string? systemInstruction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        EnsureCallable(model);
        var body = GeminiRequestWriter.WriteCountTokens(_backend, model, text, systemInstruction);
        var reply = await SendAsync(model, GeminiEndpoints.CountTokens, body, cancellationToken);
        return GeminiResponseReader.ReadTotalTokens(model, reply);
    }

    // About four characters per token for the Latin-script text this pipeline mostly sees; only budgets use it.
    private static int EstimateTokens(ModelRequest request) =>
        (int)Math.Min(int.MaxValue, ((long)request.Prompt.Length + (request.SystemInstruction?.Length ?? 0) + 3) / 4);

    private void EnsureCallable(string? model)
    {
        if (!GeminiEndpoints.IsValidModelId(model))
        {
            throw new ModelCallException(
                ModelErrorKind.InvalidRequest,
                model ?? string.Empty,
                $"'{model}' is not a valid model id: use letters, digits, '.', '-', '_' or '@'.");
        }

        if (!_options.IsConfigured)
        {
            throw new ModelCallException(
                ModelErrorKind.Unauthorized,
                model!,
                $"Gemini is not configured: set {GeminiOptions.SectionName}:ApiKey (Developer API) or {GeminiOptions.SectionName}:ProjectId (Vertex AI).");
        }
    }
}
