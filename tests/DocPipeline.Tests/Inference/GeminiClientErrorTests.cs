using System.Net;
using System.Net.Sockets;
using DocPipeline.Inference;
using DocPipeline.Inference.Gemini;
using DocPipeline.Tests.Inference.Fakes;
using Microsoft.Extensions.Options;

namespace DocPipeline.Tests.Inference;

public sealed class GeminiClientErrorTests : IAsyncLifetime
{
    private FakeGeminiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGeminiServer.StartAsync(TestGemini.Bounded());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, ModelErrorKind, bool, int> HttpErrors => new()
    {
        { "429", ModelErrorKind.RateLimited, true, 429 },
        { "500", ModelErrorKind.Transient, true, 500 },
        { "503", ModelErrorKind.Transient, true, 503 },
        { "504", ModelErrorKind.Transient, true, 504 },
        { "400-too-long", ModelErrorKind.InputTooLong, false, 400 },
        { "400-invalid", ModelErrorKind.InvalidRequest, false, 400 },
        { "400-precondition", ModelErrorKind.InvalidRequest, false, 400 },
        { "401", ModelErrorKind.Unauthorized, false, 401 },
        { "403", ModelErrorKind.Unauthorized, false, 403 },
        { "404", ModelErrorKind.ModelNotFound, false, 404 },
    };

    [Theory]
    [MemberData(nameof(HttpErrors))]
    public async Task GenerateAsync_HttpError_IsClassified(string scenario, ModelErrorKind kind, bool transient, int status)
    {
        _server.Enqueue(scenario switch
        {
            "429" => FakeGeminiReply.RateLimited(),
            "500" => FakeGeminiReply.ServerError(500),
            "503" => FakeGeminiReply.ServerError(503),
            "504" => FakeGeminiReply.ServerError(504),
            "400-too-long" => FakeGeminiReply.InputTooLong(),
            "400-invalid" => FakeGeminiReply.BadRequest(),
            "400-precondition" => FakeGeminiReply.BadRequest("User location is not supported for the API use.", "FAILED_PRECONDITION"),
            "401" => FakeGeminiReply.Unauthorized(),
            "403" => FakeGeminiReply.Forbidden(),
            "404" => FakeGeminiReply.NotFound("gemini-2.5-flash"),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        });
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal("gemini-2.5-flash", error.Model);
        Assert.False(string.IsNullOrEmpty(error.Status));
        Assert.False(string.IsNullOrEmpty(error.ServerMessage));
        Assert.Contains(error.ServerMessage!, error.Message, StringComparison.Ordinal);
        Assert.Equal(kind.ToString(), error.GetFailureProperties()["kind"]);
    }

    [Theory]
    [InlineData("The input token count (1500000) exceeds the maximum number of tokens allowed (1048576).", ModelErrorKind.InputTooLong)]
    [InlineData("Unable to submit request because the input token count is 1200000 but model only supports up to 1048576. Reduce the input token count and try again.", ModelErrorKind.InputTooLong)]
    [InlineData("Request payload size exceeds the limit: 20971520 bytes.", ModelErrorKind.InputTooLong)]
    [InlineData("Unable to submit request because it has a maxOutputTokens value of 100000 but the supported range is from 1 (inclusive) to 65537 (exclusive).", ModelErrorKind.InvalidRequest)]
    [InlineData("Invalid JSON payload received. Unknown name \"foo\" at 'generation_config': Cannot find field.", ModelErrorKind.InvalidRequest)]
    [InlineData("Request contains an invalid argument.", ModelErrorKind.InvalidRequest)]
    public async Task GenerateAsync_BadRequestMessage_DecidesInputTooLong(string message, ModelErrorKind expected)
    {
        _server.Enqueue(FakeGeminiReply.BadRequest(message));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(expected, error.Kind);
    }

    [Fact]
    public async Task GenerateAsync_PayloadTooLarge413_IsInputTooLong()
    {
        _server.Enqueue(new FakeGeminiReply(413, "<html>Request Entity Too Large</html>"));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.InputTooLong, error.Kind);
        Assert.Null(error.Status);
        Assert.Equal("<html>Request Entity Too Large</html>", error.ServerMessage);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0.25s", 250)]
    [InlineData("0s", 0)]
    public async Task GenerateAsync_RateLimitedWithRetryInfo_ParsesRetryDelay(string retryDelay, int expectedMs)
    {
        _server.Enqueue(FakeGeminiReply.RateLimited(retryDelay));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.RateLimited, error.Kind);
        Assert.Equal("RESOURCE_EXHAUSTED", error.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), error.RetryAfter);
    }

    [Fact]
    public async Task GenerateAsync_RetryDelayInObjectForm_IsParsed()
    {
        var body = """
            {"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED",
              "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":{"seconds":"12","nanos":500000000}}]}}
            """;
        _server.Enqueue(new FakeGeminiReply(429, body));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(TimeSpan.FromSeconds(12.5), error.RetryAfter);
    }

    [Fact]
    public async Task GenerateAsync_RateLimitedWithOnlyRetryAfterHeader_UsesHeader()
    {
        _server.Enqueue(FakeGeminiReply.RateLimited(retryDelay: null, retryAfterHeader: "7"));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("7", error.GetFailureProperties()["retryAfterSeconds"]);
    }

    [Fact]
    public async Task GenerateAsync_RetryInfoAndHeader_PrefersRetryInfo()
    {
        _server.Enqueue(FakeGeminiReply.RateLimited(retryDelay: "3s", retryAfterHeader: "60"));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
    }

    [Fact]
    public async Task GenerateAsync_RateLimitedWithoutDelay_HasNoRetryAfter()
    {
        _server.Enqueue(FakeGeminiReply.RateLimited(retryDelay: null));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.RateLimited, error.Kind);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task GenerateAsync_PromptBlocked_ThrowsBlockedWithReason()
    {
        _server.Enqueue(FakeGeminiReply.Blocked("PROHIBITED_CONTENT"));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.Blocked, error.Kind);
        Assert.Equal("PROHIBITED_CONTENT", error.Reason);
        Assert.False(error.IsTransient);
        Assert.Equal(10, error.Usage?.PromptTokens);
    }

    [Theory]
    [InlineData("SAFETY")]
    [InlineData("RECITATION")]
    [InlineData("BLOCKLIST")]
    [InlineData("PROHIBITED_CONTENT")]
    [InlineData("SPII")]
    [InlineData("MODEL_ARMOR")]
    public async Task GenerateAsync_FilterFinishReason_ThrowsSafety(string finishReason)
    {
        _server.Enqueue(FakeGeminiReply.Safety(finishReason));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.Safety, error.Kind);
        Assert.Equal(finishReason, error.Reason);
        Assert.Null(error.HttpStatus);
    }

    [Fact]
    public async Task GenerateAsync_MaxTokens_ThrowsMaxTokensWithUsage()
    {
        _server.Enqueue(FakeGeminiReply.MaxTokens(usage: new FakeUsage(500, 2048)));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.MaxTokens, error.Kind);
        Assert.Equal("MAX_TOKENS", error.Reason);
        Assert.Equal(2048, error.Usage?.CandidatesTokens);
    }

    [Theory]
    [InlineData("OTHER")]
    [InlineData("LANGUAGE")]
    [InlineData("SOME_FUTURE_REASON")]
    public async Task GenerateAsync_OtherOrUnknownFinishReason_ThrowsIncomplete(string finishReason)
    {
        _server.Enqueue(FakeGeminiReply.Ok("{\"partial\":", finishReason: finishReason));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.Incomplete, error.Kind);
        Assert.Equal(finishReason, error.Reason);
    }

    [Fact]
    public async Task GenerateAsync_TruncatedJsonBody_ThrowsMalformedResponse()
    {
        _server.Enqueue(FakeGeminiReply.Malformed());
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.MalformedResponse, error.Kind);
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"candidates\":\"nope\"}")]
    [InlineData("{\"candidates\":[42]}")]
    public async Task GenerateAsync_WrongShapeBody_ThrowsMalformedResponse(string body)
    {
        _server.Enqueue(new FakeGeminiReply(200, body));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.MalformedResponse, error.Kind);
    }

    [Fact]
    public async Task GenerateAsync_ErrorBodyNotJson_StillClassifiesByStatus()
    {
        _server.Enqueue(new FakeGeminiReply(502, "<html><body>Bad   Gateway</body></html>"));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.Equal(502, error.HttpStatus);
        Assert.Equal("<html><body>Bad Gateway</body></html>", error.ServerMessage);
    }

    [Fact]
    public async Task GenerateAsync_LatencyBeyondRequestTimeout_ThrowsTransient()
    {
        _server.Enqueue(FakeGeminiReply.Ok("{}").WithLatency(TimeSpan.FromSeconds(30)));
        var client = TestGemini.Developer(_server, timeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Null(error.HttpStatus);
    }

    [Fact]
    public async Task GenerateAsync_CallerCancels_ThrowsOperationCanceledNotModelCallException()
    {
        _server.Enqueue(FakeGeminiReply.Ok("{}").WithLatency(TimeSpan.FromSeconds(30)));
        var client = TestGemini.Developer(_server, timeout: TimeSpan.FromSeconds(20));
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GenerateAsync(TestGemini.Request(), caller.Token));

        Assert.Equal(caller.Token, error.CancellationToken);
    }

    [Fact]
    public async Task GenerateAsync_NothingListening_ThrowsTransient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = new GeminiOptions { ApiKey = TestGemini.ApiKey, BaseUrl = new Uri($"http://127.0.0.1:{port}/") };
        var client = new GeminiClient(TestGemini.NewHttpClient(), Options.Create(options));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.Transient, error.Kind);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task GenerateAsync_ServerEchoesApiKey_KeyAndPromptNeverReachTheException()
    {
        const string prompt = "Confidential contract text for ACME Corp";
        _server.Enqueue(FakeGeminiReply.BadRequest($"API key {TestGemini.ApiKey} is not valid for this request."));
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(prompt: prompt), TestGemini.Bounded()));

        Assert.DoesNotContain(TestGemini.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestGemini.ApiKey, error.ServerMessage!, StringComparison.Ordinal);
        Assert.DoesNotContain("ACME", error.Message, StringComparison.Ordinal);
        Assert.Contains("[redacted]", error.ServerMessage!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_VertexWithoutToken_ServerRejectsAndClientReportsUnauthorized()
    {
        _server.RequiredBearerToken = "the-right-token";
        var client = TestGemini.Vertex(_server, tokens: new StaticAccessTokenSource("a-wrong-token"));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.Unauthorized, error.Kind);
        Assert.Equal("UNAUTHENTICATED", error.Status);
        Assert.DoesNotContain("a-wrong-token", error.Message, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(_server.Requests).Rejection);
    }
}
