using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace DocPipeline.Messaging.ServiceBus;

public sealed partial class ServiceBusRestClient
{
    private const int MaxErrorDetailLength = 300;

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpRequestMessage request, string operation, string entityPath, TimeSpan extraWait, CancellationToken cancellationToken)
    {
        string authorization;
        try
        {
            authorization = await _authorization.GetAuthorizationHeaderAsync(QueueUri, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ServiceBusException(
                $"Could not obtain a Service Bus token to {operation} on '{entityPath}': {ex.Message}", null, isTransient: true, ex);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        // Request deadlines run on real time: they guard against a hung network, not against simulated time.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = _requestTimeout + extraWait;
        deadline.CancelAfter(limit);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceBusException(
                string.Create(CultureInfo.InvariantCulture, $"Service Bus {operation} on '{entityPath}' got no answer within {limit.TotalSeconds:0.#} s."),
                null,
                isTransient: true,
                ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ServiceBusException(
                $"Service Bus {operation} on '{entityPath}' failed to reach {_requestBase.Authority}: {ex.Message}", null, isTransient: true, ex);
        }
    }

    private static async Task<ServiceBusException> ErrorAsync(
        HttpResponseMessage response, string operation, string entityPath, CancellationToken cancellationToken)
    {
        var detail = await ReadDetailAsync(response, cancellationToken);
        var code = (int)response.StatusCode;
        var transient = code is 408 or 429 || code >= 500;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Service Bus {operation} on '{entityPath}' failed with {code} {response.ReasonPhrase}{(detail.Length > 0 ? ": " + detail : ".")}");
        return new ServiceBusException(message, response.StatusCode, transient);
    }

    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            return string.Empty;
        }

        // The broker answers errors with <Error><Code>…</Code><Detail>…</Detail></Error>.
        var match = DetailPattern().Match(text);
        var detail = WebUtility.HtmlDecode(match.Success ? match.Groups[1].Value : text).Trim();
        detail = WhitespacePattern().Replace(detail, " ");
        return detail.Length <= MaxErrorDetailLength ? detail : detail[..MaxErrorDetailLength] + "…";
    }

    [GeneratedRegex("<Detail>(.*?)</Detail>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DetailPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhitespacePattern();
}
