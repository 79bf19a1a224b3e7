using System.Globalization;
using System.Net.Http.Headers;

namespace DocPipeline.Inference.Gemini;

/// <summary>HTTP exchange, authentication and error mapping.</summary>
public sealed partial class GeminiClient
{
    private const string ApiKeyHeader = "x-goog-api-key";

    private async Task<byte[]> SendAsync(string model, string method, byte[] body, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, GeminiEndpoints.Build(_options, model, method));
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            await AuthorizeAsync(message, model, linked.Token);

            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token);
            var reply = await response.Content.ReadAsByteArrayAsync(linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw HttpFailure(model, method, response, reply);
            }

            return reply;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // Report the caller's own token, not the linked one, so callers can tell their cancellation apart.
            throw new OperationCanceledException(ex.Message, ex, cancellationToken);
        }
        catch (OperationCanceledException ex)
        {
            // Either our per-request deadline or the HttpClient's own timeout fired; both mean "try again later".
            throw Failed(new ModelCallException(
                ModelErrorKind.Transient,
                model,
                $"Gemini {method} for model '{model}' timed out after {_options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.",
                ex));
        }
        catch (HttpRequestException ex)
        {
            throw Failed(new ModelCallException(
                ModelErrorKind.Transient,
                model,
                $"Gemini {method} for model '{model}' could not reach the service: {ex.Message}",
                ex));
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage message, string model, CancellationToken cancellationToken)
    {
        if (_backend == GeminiBackend.DeveloperApi)
        {
            message.Headers.TryAddWithoutValidation(ApiKeyHeader, _options.ApiKey);
            return;
        }

        string token;
        try
        {
            token = await _accessTokens!.GetAccessTokenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ModelCallException and not HttpRequestException)
        {
            // Credential errors (missing ADC, a bad key file, a refused grant) are configuration faults, not outages.
            throw Failed(new ModelCallException(
                ModelErrorKind.Unauthorized,
                model,
                $"Could not obtain a Vertex AI access token ({ex.GetType().Name}): {ex.Message}",
                ex));
        }

        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private ModelCallException HttpFailure(string model, string method, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var error = GeminiError.Parse(body);
        var serverMessage = Redact(error.Message);
        var retryAfter = error.RetryDelay ?? RetryAfterHeader(response);
        var kind = GeminiErrorClassifier.Classify(status, error.Status, serverMessage);
        if (kind == ModelErrorKind.RateLimited && _rateLimiter is not null)
        {
            _rateLimiter.ReportRateLimited(model, retryAfter);
            Logs.ModelPaused(_logger, model, retryAfter);
        }

        var statusText = error.Status is null ? string.Empty : " " + error.Status;
        var retryText = retryAfter is { } delay
            ? $"; retry after {delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
            : string.Empty;
        var messageText = serverMessage is null ? string.Empty : ": " + serverMessage;
        return Failed(new ModelCallException(
            kind,
            model,
            $"Gemini {method} for model '{model}' failed with HTTP {status}{statusText} ({kind}){retryText}{messageText}")
        {
            HttpStatus = status,
            Status = error.Status,
            ServerMessage = serverMessage,
            RetryAfter = retryAfter,
        });
    }

    private TimeSpan? RetryAfterHeader(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta >= TimeSpan.Zero ? delta : null;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    // A service echoing the key back must not carry it into logs or exception messages.
    private string? Redact(string? text) =>
        text is not null && !string.IsNullOrEmpty(_options.ApiKey)
            ? text.Replace(_options.ApiKey, "[redacted]", StringComparison.Ordinal)
            : text;

    private ModelCallException Failed(ModelCallException exception)
    {
        Logs.ModelCallFailed(_logger, exception.Model, exception.Kind, exception.HttpStatus);
        return exception;
    }
}
