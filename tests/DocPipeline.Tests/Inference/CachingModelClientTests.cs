using DocPipeline.Inference;
using DocPipeline.Inference.Caching;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Inference;

public sealed class CachingModelClientTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private FakeGeminiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGeminiServer.StartAsync(TestGemini.Bounded());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task GenerateAsync_SameRequestTwice_CallsTheServerOnce()
    {
        _server.Enqueue(FakeGeminiReply.Ok("{\"summary\":\"first\"}", new FakeUsage(1000, 200)));
        var client = Caching();

        var first = await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());
        var second = await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.Equal(1, _server.RequestCount());
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first with { FromCache = true }, second);
    }

    [Fact]
    public async Task GenerateAsync_AfterRestart_ReadsTheSavedResponseInsteadOfPayingAgain()
    {
        _server.Enqueue(FakeGeminiReply.Ok("{\"summary\":\"paid once\"}", new FakeUsage(1_000_000, 0)));
        var original = await Caching().GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        var restarted = Caching();
        var replay = await restarted.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.Equal(1, _server.RequestCount());
        Assert.True(replay.FromCache);
        Assert.Equal("{\"summary\":\"paid once\"}", replay.Text);
        Assert.Equal(original.CostUsd, replay.CostUsd);
        Assert.Equal(0.30m, replay.CostUsd);
        Assert.Equal(original.Usage, replay.Usage);
        Assert.Equal(original.ModelVersion, replay.ModelVersion);
        Assert.Equal(original.ResponseId, replay.ResponseId);
    }

    [Fact]
    public async Task GenerateAsync_SavesBeforeReturning()
    {
        var store = new FileModelResponseStore(_directory.Path);
        var client = new CachingModelClient(TestGemini.Developer(_server), store);
        var request = TestGemini.Request();

        await client.GenerateAsync(request, TestGemini.Bounded());

        var saved = await store.TryGetAsync(ModelResponseKey.ForRequest(request), TestGemini.Bounded());
        Assert.NotNull(saved);
        Assert.Contains("\"finishReason\": \"Stop\"", saved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_FailedCall_IsNotCachedAndTheNextCallReachesTheServer()
    {
        _server.Enqueue(FakeGeminiReply.MaxTokens());
        _server.Enqueue(FakeGeminiReply.Ok("{\"done\":true}"));
        var client = Caching();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded()));
        var retry = await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.Equal(ModelErrorKind.MaxTokens, error.Kind);
        Assert.False(retry.FromCache);
        Assert.Equal("{\"done\":true}", retry.Text);
        Assert.Equal(2, _server.RequestCount());
    }

    [Fact]
    public async Task GenerateAsync_NonStopAnswerFromInner_IsReturnedButNotStored()
    {
        var inner = new FixedModelClient(new ModelResponse { Model = "m", Text = "{}", FinishReason = ModelFinishReason.Unspecified });
        var client = new CachingModelClient(inner, new FileModelResponseStore(_directory.Path));

        await client.GenerateAsync(TestGemini.Request("m"), TestGemini.Bounded());
        var second = await client.GenerateAsync(TestGemini.Request("m"), TestGemini.Bounded());

        Assert.Equal(2, inner.Calls);
        Assert.False(second.FromCache);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public async Task GenerateAsync_CorruptStoredEntry_CallsAgainAndRepairsIt()
    {
        var request = TestGemini.Request();
        var key = ModelResponseKey.ForRequest(request);
        var store = new FileModelResponseStore(_directory.Path);
        await store.SaveAsync(key, "{ not json", TestGemini.Bounded());
        var client = new CachingModelClient(TestGemini.Developer(_server), store);

        var first = await client.GenerateAsync(request, TestGemini.Bounded());
        var second = await client.GenerateAsync(request, TestGemini.Bounded());

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(1, _server.RequestCount());
    }

    [Fact]
    public async Task GenerateAsync_EntrySavedUnderAnotherKey_IsNotTrusted()
    {
        var store = new FileModelResponseStore(_directory.Path);
        var requestA = TestGemini.Request(prompt: "A");
        var requestB = TestGemini.Request(prompt: "B");
        var client = new CachingModelClient(TestGemini.Developer(_server), store);
        await client.GenerateAsync(requestA, TestGemini.Bounded());
        var payloadA = await store.TryGetAsync(ModelResponseKey.ForRequest(requestA), TestGemini.Bounded());
        await store.SaveAsync(ModelResponseKey.ForRequest(requestB), payloadA!, TestGemini.Bounded());

        var answerB = await client.GenerateAsync(requestB, TestGemini.Bounded());

        Assert.False(answerB.FromCache);
        Assert.Equal(2, _server.RequestCount());
    }

    [Fact]
    public async Task GenerateAsync_DifferentPromptVersion_CallsTheModelAgain()
    {
        var client = Caching();

        await client.GenerateAsync(TestGemini.Request() with { PromptVersion = "v1" }, TestGemini.Bounded());
        var v2 = await client.GenerateAsync(TestGemini.Request() with { PromptVersion = "v2" }, TestGemini.Bounded());

        Assert.False(v2.FromCache);
        Assert.Equal(2, _server.RequestCount());
    }

    [Fact]
    public async Task GenerateAsync_StoreCannotSave_StillReturnsThePaidAnswer()
    {
        var blocker = Path.Combine(_directory.Path, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "a file where the store wants its directory");
        var client = new CachingModelClient(TestGemini.Developer(_server), new FileModelResponseStore(blocker));

        var response = await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.Equal("{\"ok\":true}", response.Text);
        Assert.Equal(1, _server.RequestCount());
    }

    [Fact]
    public async Task GenerateAsync_ExplicitKey_IsUsedForTheStore()
    {
        var store = new FileModelResponseStore(_directory.Path);
        var client = new CachingModelClient(TestGemini.Developer(_server), store);
        var key = ModelResponseKey.Create("gemini-2.5-flash", "v3", ModelResponseKey.HashText("chunk 7"), ModelResponseKey.HashSchema(null));

        await client.GenerateAsync(TestGemini.Request(), key, TestGemini.Bounded());

        Assert.True(File.Exists(Path.Combine(_directory.Path, key + ".json")));
    }

    private CachingModelClient Caching() =>
        new(TestGemini.Developer(_server), new FileModelResponseStore(_directory.Path));

    private sealed class FixedModelClient(ModelResponse response) : IModelClient
    {
        public int Calls { get; private set; }

        public Task<ModelResponse> GenerateAsync(ModelRequest request, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(response);
        }
    }
}
