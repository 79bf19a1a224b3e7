using DocPipeline.Inference;
using DocPipeline.Inference.Gemini;
using DocPipeline.Inference.Pricing;
using DocPipeline.Inference.RateLimiting;
using DocPipeline.Tests.Inference.Fakes;
using Microsoft.Extensions.Options;

namespace DocPipeline.Tests.Inference;

/// <summary>Builds real <see cref="GeminiClient"/> instances pointed at a <see cref="FakeGeminiServer"/>.</summary>
internal static class TestGemini
{
    public const string ApiKey = "test-api-key-123";
    public const string BearerToken = "static-bearer-token";
    public const string Project = "test-project";

    public static GeminiOptions DeveloperOptions(FakeGeminiServer server) => new()
    {
        Backend = GeminiBackend.DeveloperApi,
        ApiKey = ApiKey,
        BaseUrl = server.BaseUrl,
    };

    public static GeminiOptions VertexOptions(FakeGeminiServer server, string location = "global") => new()
    {
        Backend = GeminiBackend.Vertex,
        ProjectId = Project,
        Location = location,
        BaseUrl = server.BaseUrl,
    };

    public static GeminiClient Developer(
        FakeGeminiServer server,
        TimeSpan? timeout = null,
        ModelRateLimiter? rateLimiter = null,
        ModelPriceTable? prices = null,
        TimeProvider? time = null)
    {
        var options = DeveloperOptions(server);
        options.RequestTimeout = timeout ?? TimeSpan.FromSeconds(20);
        return new GeminiClient(NewHttpClient(), Options.Create(options), null, prices, rateLimiter, time);
    }

    public static GeminiClient Vertex(FakeGeminiServer server, string location = "global", IAccessTokenSource? tokens = null)
    {
        var options = VertexOptions(server, location);
        options.RequestTimeout = TimeSpan.FromSeconds(20);
        return new GeminiClient(NewHttpClient(), Options.Create(options), tokens ?? new StaticAccessTokenSource(BearerToken));
    }

    public static ModelRequest Request(string model = "gemini-2.5-flash", string prompt = "Summarise the document.") =>
        new() { Model = model, Prompt = prompt };

    public static HttpClient NewHttpClient() => new() { Timeout = Timeout.InfiniteTimeSpan };

    public static CancellationToken Bounded(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
