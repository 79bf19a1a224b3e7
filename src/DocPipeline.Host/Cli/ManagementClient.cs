using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DocPipeline.Host.Cli;

/// <summary>
/// A client of the Durable Functions management HTTP API (<c>/runtime/webhooks/durabletask</c>) and the upload API
/// (<c>/api/documents</c>): the same calls work against <c>docpipeline serve</c> and a Durable Functions app. The key
/// travels in the <c>x-functions-key</c> header, which both accept.
/// </summary>
public sealed class ManagementClient : IDisposable
{
    /// <summary>The management API's path under the server address.</summary>
    public const string ManagementPath = "runtime/webhooks/durabletask/";

    /// <summary>The header a list page's continuation token travels in, both ways.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    private readonly HttpClient _http;

    /// <summary>Creates a client for the server at <paramref name="server"/>.</summary>
    /// <param name="server">The host's address, for example <c>http://localhost:7071</c> or <c>https://app.azurewebsites.net</c>.</param>
    /// <param name="key">The API key (function or host key for a Functions app), or null.</param>
    /// <param name="handler">The message handler; null for a new one.</param>
    public ManagementClient(Uri server, string? key, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var baseAddress = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = baseAddress;
        _http.Timeout = TimeSpan.FromSeconds(100);
        if (!string.IsNullOrEmpty(key))
        {
            _http.DefaultRequestHeaders.Add("x-functions-key", key);
        }
    }

    /// <summary>The server's address.</summary>
    public Uri Server => _http.BaseAddress!;

    /// <summary>Uploads a document: <c>POST /api/documents?name=…[&amp;reprocess=true]</c>; 202 with the check-status body.</summary>
    /// <param name="name">The document's file name.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="reprocess">Run it again even when the same content completed before.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ManagementResponse> SubmitAsync(string name, Stream content, bool reprocess, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/documents?name=" + Uri.EscapeDataString(name) + (reprocess ? "&reprocess=true" : string.Empty))
        {
            Content = new StreamContent(content),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return SendAsync(request, cancellationToken);
    }

    /// <summary><c>GET /instances/{id}</c>; 404 when unknown.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="showHistory">Include the history events.</param>
    /// <param name="showInput">Include the input.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ManagementResponse> GetStatusAsync(string instanceId, bool showHistory = false, bool showInput = true, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, Instance(instanceId) + $"?showHistory={Flag(showHistory)}&showHistoryOutput={Flag(showHistory)}&showInput={Flag(showInput)}"), cancellationToken);

    /// <summary><c>GET /instances</c> with filters; one page, with the next page's token.</summary>
    /// <param name="filter">The filters.</param>
    /// <param name="continuationToken">The token from the previous page, or null for the first.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ManagementResponse> ListAsync(InstanceFilter filter, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var request = new HttpRequestMessage(HttpMethod.Get, ManagementPath + "instances?" + filter.ToQuery());
        if (continuationToken is not null)
        {
            request.Headers.TryAddWithoutValidation(ContinuationHeader, continuationToken);
        }

        return SendAsync(request, cancellationToken);
    }

    /// <summary><c>POST /instances/{id}/{terminate|suspend|resume|rewind}?reason=…</c>; 202 when accepted.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="operation">terminate, suspend, resume or rewind.</param>
    /// <param name="reason">Why; recorded in the history.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ManagementResponse> ControlAsync(string instanceId, string operation, string? reason, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Instance(instanceId)}/{operation}" + (reason is null ? string.Empty : "?reason=" + Uri.EscapeDataString(reason))), cancellationToken);

    /// <summary><c>POST /instances/{id}/restart</c>; 202 with the check-status body of the new run.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="newInstanceId">Start the new run under a new id instead of reusing this one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ManagementResponse> RestartAsync(string instanceId, bool newInstanceId, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Instance(instanceId)}/restart?restartWithNewInstanceId={Flag(newInstanceId)}"), cancellationToken);

    /// <summary><c>DELETE /instances/{id}</c>: purges the instance and its history.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ManagementResponse> PurgeAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, Instance(instanceId)), cancellationToken);

    /// <summary><c>POST /instances/{id}/raiseEvent/{name}</c> with a JSON body.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="eventName">The event's name.</param>
    /// <param name="json">The event data as JSON.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ManagementResponse> RaiseEventAsync(string instanceId, string eventName, string json, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Instance(instanceId)}/raiseEvent/{Uri.EscapeDataString(eventName)}") { Content = new StringContent(json, Encoding.UTF8, "application/json") }, cancellationToken);

    /// <summary><c>GET /api/documents/{id}/result</c>: 200 with the result, 202 while running, 409/422/500 when there is none.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ManagementResponse> GetResultAsync(string instanceId, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/documents/{Uri.EscapeDataString(instanceId)}/result"), cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string Instance(string instanceId) => ManagementPath + "instances/" + Uri.EscapeDataString(instanceId);

    private static string Flag(bool value) => value ? "true" : "false";

    private async Task<ManagementResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonElement? body = null;
            if (text.Length > 0)
            {
                try
                {
                    using var document = JsonDocument.Parse(text);
                    body = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    // Not JSON (an HTML error page from a proxy, say): the text is kept for the message.
                }
            }

            var token = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.FirstOrDefault() : null;
            var outcome = response.Headers.TryGetValues("x-docpipeline-outcome", out var outcomes) ? outcomes.FirstOrDefault() : null;
            return new ManagementResponse(response.StatusCode, body, text, string.IsNullOrEmpty(token) ? null : token, outcome);
        }
    }
}
