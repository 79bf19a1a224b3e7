using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>Rate limits, filters and refusals from the primary model: durable retries, fallback, or a clear failure.</summary>
public sealed class ModelRetryAndFallbackTests : PipelineTests
{
    [Fact]
    public async Task Run_PrimaryRateLimitedWithRetryDelay_WaitsTheServerDelayThenFallsBack()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Gemini.Responder = r => r.Model == Primary ? FakeGeminiReply.RateLimited(retryDelay: "0.4s") : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(3, Gemini.RequestCount(Primary));
        Assert.Equal(1, Gemini.RequestCount(Fallback));

        // Two retries, each on a durable timer set to the 0.4 s the service asked for (not the 50 ms backoff), counted
        // from the orchestration time of the step that created it.
        var history = await Pipeline.HistoryAsync(instance.InstanceId, timeout.Token);
        var waits = new List<double>();
        var stepTime = DateTime.MinValue;
        foreach (var e in history)
        {
            if (e.EventType == EventType.OrchestratorStarted)
            {
                stepTime = e.Timestamp;
            }
            else if (e.EventType == EventType.TimerCreated)
            {
                waits.Add((e.FireAt!.Value - stepTime).TotalMilliseconds);
            }
        }

        Assert.Equal(2, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, 399, 401));
        Assert.Equal(2, history.Count(e => e.EventType == EventType.TimerFired));

        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        Assert.Equal([Fallback], PipelineTestHost.Models(result));
        var chunk = Assert.Single(result.GetProperty("chunks").EnumerateArray());
        Assert.Equal(Fallback, chunk.GetProperty("model").GetString());
        var step = Assert.Single(chunk.GetProperty("fallbacks").EnumerateArray());
        Assert.Equal(Primary, step.GetProperty("model").GetString());
        Assert.Contains("RateLimited after 3 attempt(s)", step.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PrimaryQuotaExhausted_FallsBackAtOnceForEveryChunk()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // One activity at a time, so every chunk after the first asks for the model after the 429 arrived.
        await using var host = await PipelineTestHost.StartAsync(Gemini, new Dictionary<string, string?>
        {
            ["Pipeline:MaxChunkTokens"] = "200",
            ["extensions:durableTask:MaxConcurrentActivityFunctions"] = "1",
        });
        Gemini.Responder = r => r.Model == Primary ? FakeGeminiReply.RateLimited(retryDelay: "3600s") : ModelAnswers.Valid(r);

        var instance = await host.RunAsync(TestDocuments.LongReport(sections: 6), "report.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var history = await host.HistoryAsync(instance.InstanceId, timeout.Token);
        Assert.DoesNotContain(history, e => e.EventType == EventType.TimerCreated);
        var result = await host.ReadResultAsync(instance.InstanceId, timeout.Token);
        var chunks = result.GetProperty("chunks").EnumerateArray().ToList();
        Assert.True(chunks.Count >= 3, $"expected several chunks, got {chunks.Count}");
        Assert.Equal(1, Gemini.RequestCount(Primary));
        Assert.Equal(chunks.Count, Gemini.RequestCount(Fallback));
        Assert.All(chunks, c =>
        {
            Assert.Equal(Fallback, c.GetProperty("model").GetString());
            var step = Assert.Single(c.GetProperty("fallbacks").EnumerateArray());
            Assert.Equal(Primary, step.GetProperty("model").GetString());
            Assert.Contains("RateLimited", step.GetProperty("reason").GetString(), StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("SAFETY", "Safety")]
    [InlineData("RECITATION", "Safety")]
    [InlineData("MAX_TOKENS", "MaxTokens")]
    [InlineData("BLOCKED", "Blocked")]
    public async Task Run_PrimaryAnswerStoppedOrBlocked_FallsBackWithoutRetry(string reason, string kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var refusal = reason switch
        {
            "MAX_TOKENS" => FakeGeminiReply.MaxTokens(),
            "BLOCKED" => FakeGeminiReply.Blocked("PROHIBITED_CONTENT"),
            _ => FakeGeminiReply.Safety(reason),
        };
        Gemini.Responder = r => r.Model == Primary ? refusal : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(1, Gemini.RequestCount(Primary));
        Assert.Equal(1, Gemini.RequestCount(Fallback));
        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        Assert.Equal([Fallback], PipelineTestHost.Models(result));
        var chunk = Assert.Single(result.GetProperty("chunks").EnumerateArray());
        var step = Assert.Single(chunk.GetProperty("fallbacks").EnumerateArray());
        Assert.Equal(Primary, step.GetProperty("model").GetString());
        Assert.StartsWith(kind + ":", step.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PrimaryRejectsInvalidArgument_FailsWithoutRetryOrFallback()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Gemini.Responder = r => r.Model == Primary
            ? FakeGeminiReply.BadRequest("Invalid value at 'generation_config.temperature' (TYPE_FLOAT), \"warm\"")
            : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Equal(1, Gemini.RequestCount(Primary));
        Assert.Equal(0, Gemini.RequestCount(Fallback));
        var error = instance.FailureDetails!.ErrorMessage;
        Assert.Contains(Primary, error, StringComparison.Ordinal);
        Assert.Contains("InvalidRequest", error, StringComparison.Ordinal);
        Assert.Contains("generation_config.temperature", error, StringComparison.Ordinal);
        var status = instance.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Contains("generation_config.temperature", status.LastError, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(Pipeline.ResultsPath) ? Directory.GetFiles(Pipeline.ResultsPath) : []);
    }

    [Fact]
    public async Task Run_ApiKeyRefused_FailsSayingUnauthorized()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Gemini.Responder = _ => FakeGeminiReply.Unauthorized();

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Single(Gemini.Requests);
        var error = instance.FailureDetails!.ErrorMessage;
        Assert.Contains("Unauthorized", error, StringComparison.Ordinal);
        Assert.Contains("401", error, StringComparison.Ordinal);
        Assert.Contains("invalid authentication credentials", error, StringComparison.Ordinal);
    }
}
