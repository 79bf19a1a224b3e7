using DocPipeline.Inference;
using DocPipeline.Inference.RateLimiting;
using DocPipeline.Tests.Inference.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace DocPipeline.Tests.Inference;

public sealed class ModelRateLimiterTests
{
    private const string Model = "gemini-2.5-flash";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AcquireAsync_WithinRequestBudget_CompletesImmediately()
    {
        var limiter = Limiter(new ModelRateLimit { RequestsPerMinute = 3 });

        var calls = Enumerable.Range(0, 3).Select(_ => limiter.AcquireAsync(Model, 10, TestGemini.Bounded())).ToList();

        Assert.All(calls, c => Assert.True(c.IsCompletedSuccessfully));
        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task AcquireAsync_RequestBudgetSpent_WaitsUntilTheOldestCallLeavesTheWindow()
    {
        var limiter = Limiter(new ModelRateLimit { RequestsPerMinute = 2 });
        await limiter.AcquireAsync(Model, 1, TestGemini.Bounded());
        _time.Advance(TimeSpan.FromSeconds(20));
        await limiter.AcquireAsync(Model, 1, TestGemini.Bounded());

        var third = limiter.AcquireAsync(Model, 1, TestGemini.Bounded());
        _time.Advance(TimeSpan.FromSeconds(39));
        Assert.False(third.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        await third.WaitAsync(Wait);

        var fourth = limiter.AcquireAsync(Model, 1, TestGemini.Bounded());
        Assert.False(fourth.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(20));
        await fourth.WaitAsync(Wait);
    }

    [Fact]
    public async Task AcquireAsync_TokenBudgetSpent_WaitsUntilEnoughTokensExpire()
    {
        var limiter = Limiter(new ModelRateLimit { TokensPerMinute = 1000 });
        await limiter.AcquireAsync(Model, 600, TestGemini.Bounded());
        _time.Advance(TimeSpan.FromSeconds(10));
        await limiter.AcquireAsync(Model, 300, TestGemini.Bounded());

        var next = limiter.AcquireAsync(Model, 500, TestGemini.Bounded());
        _time.Advance(TimeSpan.FromSeconds(49));
        Assert.False(next.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(Wait);
    }

    [Fact]
    public async Task AcquireAsync_RequestLargerThanTokenBudget_RunsAloneOnceTheWindowIsEmpty()
    {
        var limiter = Limiter(new ModelRateLimit { TokensPerMinute = 1000 });
        await limiter.AcquireAsync(Model, 100, TestGemini.Bounded());

        var huge = limiter.AcquireAsync(Model, 5000, TestGemini.Bounded());
        Assert.False(huge.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(60));
        await huge.WaitAsync(Wait);

        var after = limiter.AcquireAsync(Model, 1, TestGemini.Bounded());
        Assert.False(after.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(60));
        await after.WaitAsync(Wait);
    }

    [Fact]
    public async Task AcquireAsync_WaitersAreAdmittedInArrivalOrder()
    {
        var limiter = Limiter(new ModelRateLimit { RequestsPerMinute = 1 });
        await limiter.AcquireAsync(Model, 1, TestGemini.Bounded());

        var second = limiter.AcquireAsync(Model, 1, TestGemini.Bounded());
        var third = limiter.AcquireAsync(Model, 1, TestGemini.Bounded());
        _time.Advance(TimeSpan.FromSeconds(60));
        await second.WaitAsync(Wait);

        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(60));
        await third.WaitAsync(Wait);
    }

    [Fact]
    public async Task AcquireAsync_ModelsHaveSeparateBudgets()
    {
        var limiter = new ModelRateLimiter(
            new ModelRateLimitOptions { RateLimits = { [Model] = new ModelRateLimit { RequestsPerMinute = 1 } } },
            _time);
        await limiter.AcquireAsync(Model, 1, TestGemini.Bounded());

        var otherModel = limiter.AcquireAsync("gemini-2.5-pro", 1, TestGemini.Bounded());

        Assert.True(otherModel.IsCompletedSuccessfully);
        await otherModel;
        Assert.False(limiter.AcquireAsync(Model, 1, TestGemini.Bounded()).IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_DefaultRateLimit_AppliesToUnlistedModels()
    {
        var limiter = new ModelRateLimiter(
            new ModelRateLimitOptions { DefaultRateLimit = new ModelRateLimit { RequestsPerMinute = 1 } },
            _time);
        await limiter.AcquireAsync("any-model", 1, TestGemini.Bounded());

        Assert.False(limiter.AcquireAsync("any-model", 1, TestGemini.Bounded()).IsCompleted);
    }

    [Fact]
    public async Task ReportRateLimited_PausesTheModelForTheRetryDelay()
    {
        var limiter = Limiter(new ModelRateLimit { RequestsPerMinute = 100 });

        limiter.ReportRateLimited(Model, TimeSpan.FromSeconds(30));
        var call = limiter.AcquireAsync(Model, 1, TestGemini.Bounded());

        Assert.Equal(_time.GetUtcNow().AddSeconds(30), limiter.GetPausedUntil(Model));
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await call.WaitAsync(Wait);
        Assert.Null(limiter.GetPausedUntil(Model));
    }

    [Fact]
    public async Task ReportRateLimited_WithoutDelay_UsesConfiguredPause()
    {
        var limiter = new ModelRateLimiter(new ModelRateLimitOptions { RateLimitedPause = TimeSpan.FromSeconds(5) }, _time);

        limiter.ReportRateLimited(Model, retryAfter: null);
        var call = limiter.AcquireAsync(Model, 1, TestGemini.Bounded());

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await call.WaitAsync(Wait);
    }

    [Fact]
    public async Task ReportRateLimited_WhileACallWaits_ExtendsItsWait()
    {
        var limiter = Limiter(new ModelRateLimit { RequestsPerMinute = 1 });
        await limiter.AcquireAsync(Model, 1, TestGemini.Bounded());
        var waiting = limiter.AcquireAsync(Model, 1, TestGemini.Bounded());

        _time.Advance(TimeSpan.FromSeconds(50));
        limiter.ReportRateLimited(Model, TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(20));
        await waiting.WaitAsync(Wait);
    }

    [Fact]
    public async Task AcquireAsync_CallerCancels_StopsWaitingAndFreesTheQueue()
    {
        var limiter = Limiter(new ModelRateLimit { RequestsPerMinute = 1 });
        await limiter.AcquireAsync(Model, 1, TestGemini.Bounded());
        using var cancel = new CancellationTokenSource();

        var waiting = limiter.AcquireAsync(Model, 1, cancel.Token);
        var behind = limiter.AcquireAsync(Model, 1, TestGemini.Bounded());
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Wait));
        _time.Advance(TimeSpan.FromSeconds(60));
        await behind.WaitAsync(Wait);
    }

    [Fact]
    public void Constructor_ZeroBudget_ThrowsNamingTheSetting()
    {
        var options = new ModelRateLimitOptions { RateLimits = { [Model] = new ModelRateLimit { RequestsPerMinute = 0 } } };

        var error = Assert.Throws<ArgumentException>(() => new ModelRateLimiter(options, _time));

        Assert.Contains("Pipeline:Models:RateLimits:gemini-2.5-flash:RequestsPerMinute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeminiClient_429WithRetryDelay_PausesTheModelInTheSharedLimiter()
    {
        await using var server = await FakeGeminiServer.StartAsync(TestGemini.Bounded());
        server.Enqueue(FakeGeminiReply.RateLimited("45s"));
        var limiter = Limiter(new ModelRateLimit { RequestsPerMinute = 100 });
        var client = TestGemini.Developer(server, rateLimiter: limiter, time: _time);

        var error = await Assert.ThrowsAsync<ModelCallException>(() => client.GenerateAsync(TestGemini.Request(Model), TestGemini.Bounded()));
        var retry = client.GenerateAsync(TestGemini.Request(Model), TestGemini.Bounded());

        Assert.Equal(ModelErrorKind.RateLimited, error.Kind);
        Assert.Equal(_time.GetUtcNow().AddSeconds(45), limiter.GetPausedUntil(Model));
        Assert.False(retry.IsCompleted);
        Assert.Equal(1, server.RequestCount(Model));

        _time.Advance(TimeSpan.FromSeconds(45));
        var response = await retry.WaitAsync(Wait);
        Assert.Equal(2, server.RequestCount(Model));
        Assert.Equal(ModelFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GeminiClient_RequestBudget_HoldsBackCallsBeforeTheyReachTheServer()
    {
        await using var server = await FakeGeminiServer.StartAsync(TestGemini.Bounded());
        var limiter = Limiter(new ModelRateLimit { RequestsPerMinute = 2 });
        var client = TestGemini.Developer(server, rateLimiter: limiter, time: _time);

        await client.GenerateAsync(TestGemini.Request(Model), TestGemini.Bounded());
        await client.GenerateAsync(TestGemini.Request(Model), TestGemini.Bounded());
        var third = client.GenerateAsync(TestGemini.Request(Model), TestGemini.Bounded());

        Assert.Equal(2, server.RequestCount(Model));
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(60));
        await third.WaitAsync(Wait);
        Assert.Equal(3, server.RequestCount(Model));
    }

    private ModelRateLimiter Limiter(ModelRateLimit limit) =>
        new(new ModelRateLimitOptions { RateLimits = { [Model] = limit } }, _time);
}
