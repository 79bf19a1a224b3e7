using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.Inference.Fakes;

/// <summary>
/// An in-process Gemini service on 127.0.0.1 (real HTTP, Kestrel, random port) that follows the REST contract
/// for both URL shapes:
/// <c>/v1/projects/{p}/locations/{l}/publishers/google/models/{m}:{method}</c> (Vertex AI, Bearer token) and
/// <c>/v1beta/models/{m}:{method}</c> (Developer API, <c>x-goog-api-key</c>), methods generateContent and countTokens.
/// It also serves an OAuth2 token endpoint at <see cref="TokenUrl"/> for service-account key files.
/// </summary>
/// <remarks>
/// Each request is validated (auth present, JSON body with non-empty contents, generationConfig an object, a schema
/// only with <c>application/json</c>) and recorded. The reply comes from, in order: the model's queue
/// (<see cref="Enqueue(string, FakeGeminiReply)"/>), the shared queue (<see cref="Enqueue(FakeGeminiReply)"/>),
/// <see cref="Responder"/>, the model's default (<see cref="SetDefault"/>), then <see cref="DefaultReply"/>.
/// </remarks>
public sealed partial class FakeGeminiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeGeminiReply> _shared = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeGeminiReply>> _perModel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeGeminiReply> _modelDefaults = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<FakeGeminiRequest> _requests = new();
    private int _tokenRequests;

    private FakeGeminiServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The OAuth2 token endpoint to put in a service-account key file's <c>token_uri</c>.</summary>
    public Uri TokenUrl => new(BaseUrl, "token");

    /// <summary>The access token the token endpoint issues.</summary>
    public string IssuedAccessToken { get; set; } = "ya29.fake-access-token";

    /// <summary>When set, Developer API requests must carry exactly this key (403 otherwise).</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>When set, Vertex AI requests must carry exactly this bearer token (401 otherwise).</summary>
    public string? RequiredBearerToken { get; set; }

    /// <summary>The reply when nothing more specific is scripted.</summary>
    public FakeGeminiReply DefaultReply { get; set; } = FakeGeminiReply.Ok("{\"ok\":true}");

    /// <summary>Computes a reply from the request (after the queues); return null to fall through to the defaults.</summary>
    public Func<FakeGeminiRequest, FakeGeminiReply?>? Responder { get; set; }

    /// <summary>Every request in arrival order, rejected ones included.</summary>
    public IReadOnlyList<FakeGeminiRequest> Requests => [.. _requests];

    public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

    public static async Task<FakeGeminiServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeGeminiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.BaseUrl = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers the next request to any model with <paramref name="reply"/>.</summary>
    public void Enqueue(FakeGeminiReply reply) => _shared.Enqueue(reply);

    /// <summary>Answers the next request to <paramref name="model"/> with <paramref name="reply"/>.</summary>
    public void Enqueue(string model, FakeGeminiReply reply) =>
        _perModel.GetOrAdd(model, static _ => new ConcurrentQueue<FakeGeminiReply>()).Enqueue(reply);

    /// <summary>Answers every otherwise unscripted request to <paramref name="model"/> with <paramref name="reply"/>.</summary>
    public void SetDefault(string model, FakeGeminiReply reply) => _modelDefaults[model] = reply;

    /// <summary>Requests received, optionally only those for <paramref name="model"/> and <paramref name="method"/>.</summary>
    public int RequestCount(string? model = null, string? method = null) =>
        _requests.Count(r => (model is null || r.Model == model) && (method is null || r.Method == method));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path == "/token")
        {
            await IssueTokenAsync(context);
            return;
        }

        var route = ParseRoute(context.Request.Path.Value ?? string.Empty);
        if (route is null)
        {
            await WriteAsync(context, FakeGeminiReply.Error(404, "NOT_FOUND", $"No route for {context.Request.Path}."));
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var json = TryParse(body);
        var (rejection, rejectionReply) = Validate(context.Request, route, headers, json);
        var request = new FakeGeminiRequest
        {
            Backend = route.Backend,
            Model = route.Model,
            Method = route.Method,
            Project = route.Project,
            Location = route.Location,
            Path = context.Request.Path.Value ?? string.Empty,
            Headers = headers,
            Body = body,
            Json = json,
            Rejection = rejection,
        };
        _requests.Enqueue(request);

        var reply = rejectionReply ?? NextReply(request);
        if (reply.Latency > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Latency, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await WriteAsync(context, reply);
    }

    private FakeGeminiReply NextReply(FakeGeminiRequest request)
    {
        if (_perModel.TryGetValue(request.Model, out var queue) && queue.TryDequeue(out var scripted))
        {
            return scripted;
        }

        if (_shared.TryDequeue(out var shared))
        {
            return shared;
        }

        if (Responder?.Invoke(request) is { } computed)
        {
            return computed;
        }

        if (_modelDefaults.TryGetValue(request.Model, out var modelDefault))
        {
            return modelDefault;
        }

        if (request.Method == "countTokens")
        {
            var text = request.PromptText ?? string.Empty;
            return FakeGeminiReply.TokenCount((text.Length + 3) / 4);
        }

        return DefaultReply;
    }

    private async Task IssueTokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (string.IsNullOrEmpty(form["assertion"]))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { error = "invalid_request" }, context.RequestAborted);
            return;
        }

        context.Response.ContentType = "application/json";
        var token = new JsonObject { ["access_token"] = IssuedAccessToken, ["expires_in"] = 3600, ["token_type"] = "Bearer" };
        await context.Response.WriteAsync(token.ToJsonString(), context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, FakeGeminiReply reply)
    {
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        foreach (var (name, value) in reply.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(reply.Body, context.RequestAborted);
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Route? ParseRoute(string path)
    {
        var vertex = VertexRoute().Match(path);
        if (vertex.Success)
        {
            return new Route("Vertex", vertex.Groups["model"].Value, vertex.Groups["method"].Value, Uri.UnescapeDataString(vertex.Groups["project"].Value), vertex.Groups["location"].Value);
        }

        var developer = DeveloperRoute().Match(path);
        return developer.Success
            ? new Route("DeveloperApi", developer.Groups["model"].Value, developer.Groups["method"].Value, null, null)
            : null;
    }

    [GeneratedRegex("^/v1/projects/(?<project>[^/]+)/locations/(?<location>[^/]+)/publishers/google/models/(?<model>[^/:]+):(?<method>generateContent|countTokens)$")]
    private static partial Regex VertexRoute();

    [GeneratedRegex("^/v1beta/models/(?<model>[^/:]+):(?<method>generateContent|countTokens)$")]
    private static partial Regex DeveloperRoute();

    private sealed record Route(string Backend, string Model, string Method, string? Project, string? Location);
}
