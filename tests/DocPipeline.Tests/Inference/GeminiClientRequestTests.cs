using System.Text.Json;
using System.Text.Json.Nodes;
using DocPipeline.Inference;
using DocPipeline.Inference.Gemini;
using DocPipeline.Tests.Inference.Fakes;
using Microsoft.Extensions.Options;

namespace DocPipeline.Tests.Inference;

public sealed class GeminiClientRequestTests : IAsyncLifetime
{
    private FakeGeminiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGeminiServer.StartAsync(TestGemini.Bounded());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GenerateAsync_DeveloperApi_PostsToV1betaModelPathWithApiKeyHeader()
    {
        _server.RequiredApiKey = TestGemini.ApiKey;
        _server.Enqueue(FakeGeminiReply.Ok("{\"summary\":\"ok\"}"));
        var client = TestGemini.Developer(_server);

        var response = await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.Equal("{\"summary\":\"ok\"}", response.Text);
        var request = Assert.Single(_server.Requests);
        Assert.Null(request.Rejection);
        Assert.Equal("DeveloperApi", request.Backend);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", request.Path);
        Assert.Equal(TestGemini.ApiKey, request.ApiKey);
        Assert.Null(request.Authorization);
        Assert.Equal("Summarise the document.", request.PromptText);
        Assert.Equal("user", request.Json?["contents"]?[0]?["role"]?.GetValue<string>());
    }

    [Fact]
    public async Task GenerateAsync_VertexRegional_PostsToProjectLocationPathWithBearerToken()
    {
        _server.RequiredBearerToken = TestGemini.BearerToken;
        var client = TestGemini.Vertex(_server, "europe-west4");

        await client.GenerateAsync(TestGemini.Request("gemini-2.5-pro"), TestGemini.Bounded());

        var request = Assert.Single(_server.Requests);
        Assert.Null(request.Rejection);
        Assert.Equal("Vertex", request.Backend);
        Assert.Equal(
            "/v1/projects/test-project/locations/europe-west4/publishers/google/models/gemini-2.5-pro:generateContent",
            request.Path);
        Assert.Equal("Bearer " + TestGemini.BearerToken, request.Authorization);
        Assert.Null(request.ApiKey);
    }

    [Fact]
    public async Task GenerateAsync_VertexDefaultLocation_UsesGlobal()
    {
        var client = TestGemini.Vertex(_server);

        await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        var request = Assert.Single(_server.Requests);
        Assert.Equal("global", request.Location);
        Assert.Equal("test-project", request.Project);
    }

    [Theory]
    [InlineData(GeminiBackend.Vertex, "global", "https://aiplatform.googleapis.com/v1/projects/p1/locations/global/publishers/google/models/gemini-2.5-flash:generateContent")]
    [InlineData(GeminiBackend.Vertex, "us-central1", "https://us-central1-aiplatform.googleapis.com/v1/projects/p1/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent")]
    [InlineData(GeminiBackend.DeveloperApi, "global", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent")]
    public void Build_WithoutBaseUrl_UsesGoogleHosts(GeminiBackend backend, string location, string expected)
    {
        var options = new GeminiOptions { Backend = backend, ProjectId = "p1", ApiKey = "k", Location = location };

        var endpoint = GeminiEndpoints.Build(options, "gemini-2.5-flash", GeminiEndpoints.GenerateContent);

        Assert.Equal(expected, endpoint.AbsoluteUri);
    }

    [Fact]
    public void Build_BaseUrlWithPath_KeepsThePath()
    {
        var options = new GeminiOptions { ApiKey = "k", BaseUrl = new Uri("http://proxy.local:8080/gemini/") };

        var endpoint = GeminiEndpoints.Build(options, "gemini-2.5-flash", GeminiEndpoints.CountTokens);

        Assert.Equal("http://proxy.local:8080/gemini/v1beta/models/gemini-2.5-flash:countTokens", endpoint.AbsoluteUri);
    }

    [Fact]
    public async Task GenerateAsync_AllSettings_SendsDocumentedRequestShape()
    {
        var schema = JsonDocument.Parse("""{"type":"OBJECT","properties":{"summary":{"type":"STRING"}}}""").RootElement.Clone();
        var client = TestGemini.Developer(_server);
        var request = TestGemini.Request() with
        {
            SystemInstruction = "You are a careful analyst.",
            Temperature = 0.2,
            MaxOutputTokens = 2048,
            ResponseSchema = schema,
            ThinkingBudget = 0,
            SafetySettings = [new ModelSafetySetting("HARM_CATEGORY_HARASSMENT", "BLOCK_ONLY_HIGH")],
        };

        await client.GenerateAsync(request, TestGemini.Bounded());

        var sent = Assert.Single(_server.Requests);
        Assert.Null(sent.Rejection);
        Assert.Equal("You are a careful analyst.", sent.SystemText);
        var config = sent.GenerationConfig!;
        Assert.Equal(0.2, config["temperature"]!.GetValue<double>());
        Assert.Equal(2048, config["maxOutputTokens"]!.GetValue<int>());
        Assert.Equal("application/json", config["responseMimeType"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema.GetRawText()), config["responseSchema"]));
        Assert.Equal(0, config["thinkingConfig"]!["thinkingBudget"]!.GetValue<int>());
        Assert.Equal("BLOCK_ONLY_HIGH", sent.Json!["safetySettings"]![0]!["threshold"]!.GetValue<string>());
    }

    [Fact]
    public async Task GenerateAsync_MinimalRequest_OmitsOptionalFields()
    {
        var client = TestGemini.Developer(_server);

        await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        var sent = Assert.Single(_server.Requests).Json!.AsObject();
        Assert.False(sent.ContainsKey("systemInstruction"));
        Assert.False(sent.ContainsKey("safetySettings"));
        Assert.Empty(sent["generationConfig"]!.AsObject());
    }

    [Fact]
    public async Task GenerateAsync_ThoughtParts_AreNotPartOfTheAnswer()
    {
        _server.Enqueue(FakeGeminiReply.Ok("{\"a\":1}", new FakeUsage(100, 20, Thoughts: 300), thought: "Let me reason about this first."));
        var client = TestGemini.Developer(_server);

        var response = await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.Equal("{\"a\":1}", response.Text);
        Assert.Equal(300, response.Usage.ThoughtsTokens);
    }

    [Fact]
    public async Task GenerateAsync_MultipleTextParts_AreConcatenatedInOrder()
    {
        var body = """
            {"candidates":[{"content":{"parts":[{"text":"{\"a\":"},{"text":"thinking","thought":true},{"text":"2}"}]},"finishReason":"STOP"}]}
            """;
        _server.Enqueue(new FakeGeminiReply(200, body));
        var client = TestGemini.Developer(_server);

        var response = await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.Equal("{\"a\":2}", response.Text);
        Assert.Equal(ModelUsage.Empty, response.Usage);
    }

    [Fact]
    public async Task GenerateAsync_SuccessfulCall_ReportsUsageMetadataAndCost()
    {
        _server.Enqueue(FakeGeminiReply.Ok("{}", new FakeUsage(Prompt: 1_000_000, Candidates: 100_000, Thoughts: 100_000, Cached: 4096)));
        var client = TestGemini.Developer(_server);

        var response = await client.GenerateAsync(TestGemini.Request("gemini-2.5-flash"), TestGemini.Bounded());

        Assert.Equal(new ModelUsage(1_000_000, 100_000, 100_000, 1_200_000, 4096), response.Usage);
        Assert.Equal(ModelFinishReason.Stop, response.FinishReason);
        Assert.Equal("STOP", response.RawFinishReason);
        Assert.Equal(FakeGeminiReply.DefaultModelVersion, response.ModelVersion);
        Assert.False(string.IsNullOrEmpty(response.ResponseId));
        Assert.False(response.FromCache);

        // 1M input at 0.30 plus 200K output (answer + thoughts) at 2.50.
        Assert.Equal(0.30m + 0.50m, response.CostUsd);
    }

    [Fact]
    public async Task CountTokensAsync_Vertex_ReturnsTotalTokens()
    {
        _server.Enqueue(FakeGeminiReply.TokenCount(1234));
        var client = TestGemini.Vertex(_server);

        var tokens = await client.CountTokensAsync("gemini-2.5-flash", "some text", "be brief", TestGemini.Bounded());

        Assert.Equal(1234, tokens);
        var request = Assert.Single(_server.Requests);
        Assert.Null(request.Rejection);
        Assert.Equal("countTokens", request.Method);
        Assert.Equal("some text", request.PromptText);
        Assert.Equal("be brief", request.SystemText);
    }

    [Fact]
    public async Task CountTokensAsync_DeveloperApiWithSystemInstruction_WrapsAGenerateContentRequest()
    {
        var client = TestGemini.Developer(_server);

        var tokens = await client.CountTokensAsync("gemini-2.5-flash", "12345678", "be brief", TestGemini.Bounded());

        Assert.Equal(2, tokens);
        var request = Assert.Single(_server.Requests);
        Assert.Null(request.Rejection);
        Assert.Equal("models/gemini-2.5-flash", request.Json!["generateContentRequest"]!["model"]!.GetValue<string>());
        Assert.Equal("be brief", request.SystemText);
    }

    [Fact]
    public async Task GenerateAsync_ServiceAccountKeyFile_ExchangesJwtForTokenAndSendsIt()
    {
        using var directory = new TempDirectory();
        var keyFile = ServiceAccountKeyFile.Write(directory.Path, _server.TokenUrl);
        _server.IssuedAccessToken = "ya29.from-key-file";
        _server.RequiredBearerToken = "ya29.from-key-file";
        var options = TestGemini.VertexOptions(_server);
        options.CredentialsFile = keyFile;
        using var tokens = new GoogleAccessTokenSource(keyFile);
        var client = new GeminiClient(TestGemini.NewHttpClient(), Options.Create(options), tokens);

        await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());
        await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.All(_server.Requests, r => Assert.Equal("Bearer ya29.from-key-file", r.Authorization));
        Assert.Equal(1, _server.TokenRequestCount);
    }

    [Fact]
    public async Task GenerateAsync_UnreadableKeyFile_ThrowsUnauthorizedWithoutCallingTheModel()
    {
        using var directory = new TempDirectory();
        var keyFile = Path.Combine(directory.Path, "key.json");
        await File.WriteAllTextAsync(keyFile, "{\"type\":\"service_account\"}");
        var options = TestGemini.VertexOptions(_server);
        options.CredentialsFile = keyFile;
        using var tokens = new GoogleAccessTokenSource(keyFile);
        var client = new GeminiClient(TestGemini.NewHttpClient(), Options.Create(options), tokens);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.Unauthorized, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Equal(0, _server.RequestCount());
    }

    [Fact]
    public async Task GenerateAsync_NotConfigured_ThrowsUnauthorizedWithoutCallingTheModel()
    {
        var options = new GeminiOptions { BaseUrl = _server.BaseUrl };
        var client = new GeminiClient(TestGemini.NewHttpClient(), Options.Create(options));

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.Unauthorized, error.Kind);
        Assert.Contains("Pipeline:Gemini:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount());
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../admin")]
    [InlineData("gemini 2.5")]
    [InlineData("models/gemini-2.5-flash")]
    public async Task GenerateAsync_InvalidModelId_ThrowsInvalidRequestWithoutCallingTheModel(string model)
    {
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(model), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.InvalidRequest, error.Kind);
        Assert.Equal(0, _server.RequestCount());
    }

    [Fact]
    public async Task GenerateAsync_EmptyPrompt_ThrowsInvalidRequest()
    {
        var client = TestGemini.Developer(_server);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(prompt: "  "), TestGemini.Bounded()));

        Assert.Equal(ModelErrorKind.InvalidRequest, error.Kind);
        Assert.Equal(0, _server.RequestCount());
    }
}
