using System.Net;
using System.Text;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Inference;

public sealed class FakeGeminiServerTests : IAsyncLifetime
{
    private const string DeveloperPath = "v1beta/models/gemini-2.5-flash:generateContent";
    private const string ValidBody = """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";

    private readonly HttpClient _http = new();
    private FakeGeminiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGeminiServer.StartAsync(TestGemini.Bounded());

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Post_DeveloperPathWithoutApiKey_Is401AndRecordedAsRejected()
    {
        using var response = await PostAsync(DeveloperPath, ValidBody, apiKey: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull(Assert.Single(_server.Requests).Rejection);
    }

    [Theory]
    [InlineData("""{"contents":[]}""")]
    [InlineData("""{"contents":[{"parts":[]}]}""")]
    [InlineData("""{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":[]}""")]
    [InlineData("""{"contents":[{"parts":[{"text":"x"}]}],"generationConfig":{"responseSchema":{"type":"OBJECT"}}}""")]
    [InlineData("not json")]
    public async Task Post_BadRequestShape_Is400InvalidArgument(string body)
    {
        using var response = await PostAsync(DeveloperPath, body, apiKey: "k");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("INVALID_ARGUMENT", await response.Content.ReadAsStringAsync(TestGemini.Bounded()), StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(_server.Requests).Rejection);
    }

    [Fact]
    public async Task Post_UnknownPath_Is404()
    {
        using var response = await PostAsync("v1/models/x:generateContent", ValidBody, apiKey: "k");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Replies_FollowModelQueueThenSharedQueueThenResponderThenDefaults()
    {
        _server.Enqueue(FakeGeminiReply.Ok("shared"));
        _server.Enqueue("gemini-2.5-flash", FakeGeminiReply.Ok("model"));
        _server.Responder = r => r.PromptText == "compute" ? FakeGeminiReply.Ok("computed") : null;
        _server.SetDefault("gemini-2.5-flash", FakeGeminiReply.Ok("model default"));
        var client = TestGemini.Developer(_server);

        var texts = new List<string>();
        foreach (var prompt in new[] { "a", "b", "compute", "c" })
        {
            texts.Add((await client.GenerateAsync(TestGemini.Request(prompt: prompt), TestGemini.Bounded())).Text);
        }

        texts.Add((await client.GenerateAsync(TestGemini.Request("gemini-2.5-pro"), TestGemini.Bounded())).Text);

        Assert.Equal(["model", "shared", "computed", "model default", "{\"ok\":true}"], texts);
        Assert.Equal(4, _server.RequestCount("gemini-2.5-flash"));
        Assert.Equal(1, _server.RequestCount("gemini-2.5-pro", "generateContent"));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseUrl, path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (apiKey is not null)
        {
            request.Headers.Add("x-goog-api-key", apiKey);
        }

        return await _http.SendAsync(request, TestGemini.Bounded());
    }
}
