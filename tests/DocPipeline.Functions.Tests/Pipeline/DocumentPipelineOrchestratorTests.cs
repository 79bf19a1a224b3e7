using DocPipeline.Pipeline.Contracts;
using DocPipeline.Tests.Functions.Pipeline;
using DocPipeline.Tests.Inference.Fakes;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Functions.Tests.Pipeline;

/// <summary>The shared orchestrator on the SDK's in-process backend: the paths through the model chain.</summary>
public sealed class DocumentPipelineOrchestratorTests : PipelineTests
{
    [Fact]
    public async Task RunAsync_ValidGeminiAnswer_CompletesWithPrimaryModelUsageAndRedactions()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Gemini.RequiredApiKey = PipelineTestHost.ApiKey;
        Gemini.Responder = ModelAnswers.Valid;

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var output = instance.ReadOutputAs<DocumentPipelineOutput>()!;
        Assert.Equal([Primary], output.Models);
        Assert.True(output.Valid);
        Assert.True(output.CostUsd > 0);

        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        Assert.Equal([Primary], PipelineTestHost.Models(result));
        Assert.True(result.GetProperty("validation").GetProperty("valid").GetBoolean());
        Assert.True(result.GetProperty("usage").GetProperty("total").GetProperty("costUsd").GetDecimal() > 0);
        var redactions = result.GetProperty("redactions");
        Assert.Equal(2, redactions.GetProperty("EMAIL").GetInt32());
        Assert.Equal(1, redactions.GetProperty("CARD").GetInt32());
        var chunk = Assert.Single(result.GetProperty("chunks").EnumerateArray());
        Assert.Equal(Primary, chunk.GetProperty("model").GetString());
        Assert.Empty(chunk.GetProperty("fallbacks").EnumerateArray());

        var request = Assert.Single(Gemini.Requests);
        foreach (var value in TestDocuments.PiiValues)
        {
            Assert.DoesNotContain(value, request.Body, StringComparison.OrdinalIgnoreCase);
        }

        var status = instance.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Equal("done", status.Stage);
        Assert.Equal("5/5", status.Step);
        Assert.Equal(100, status.Percent);
        Assert.Equal(1, status.ChunksDone);
        Assert.Equal(1, status.ChunksTotal);
        Assert.Contains("\"chunksDone\":1", instance.SerializedCustomStatus, StringComparison.Ordinal);
        Assert.Contains("\"stage\":\"done\"", instance.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrimaryRateLimitStorm_FallsBackToFlash()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Gemini.Responder = r => r.Model == Primary ? FakeGeminiReply.RateLimited(retryDelay: "0.2s") : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(3, Gemini.RequestCount(Primary));
        Assert.Equal(1, Gemini.RequestCount(Fallback));
        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        Assert.Equal([Fallback], PipelineTestHost.Models(result));
        var chunk = Assert.Single(result.GetProperty("chunks").EnumerateArray());
        var step = Assert.Single(chunk.GetProperty("fallbacks").EnumerateArray());
        Assert.Equal(Primary, step.GetProperty("model").GetString());
        Assert.Contains("RateLimited after 3 attempt(s)", step.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrimaryQuotaExhausted_FallsBackWithoutRetrying()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Gemini.Responder = r => r.Model == Primary ? FakeGeminiReply.RateLimited(retryDelay: "3600s") : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(1, Gemini.RequestCount(Primary));
        Assert.Equal(1, Gemini.RequestCount(Fallback));
    }

    [Theory]
    [InlineData("SAFETY", "Safety")]
    [InlineData("RECITATION", "Safety")]
    [InlineData("BLOCKED", "Blocked")]
    public async Task RunAsync_PrimaryAnswerFilteredOrBlocked_FallsBackWithoutRetry(string reason, string kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var refusal = reason == "BLOCKED" ? FakeGeminiReply.Blocked("PROHIBITED_CONTENT") : FakeGeminiReply.Safety(reason);
        Gemini.Responder = r => r.Model == Primary ? refusal : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(1, Gemini.RequestCount(Primary));
        Assert.Equal(1, Gemini.RequestCount(Fallback));
        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        var step = Assert.Single(Assert.Single(result.GetProperty("chunks").EnumerateArray()).GetProperty("fallbacks").EnumerateArray());
        Assert.StartsWith(kind + ":", step.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PrimaryRejectsInvalidArgument_FailsWithTheServiceReason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
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
        Assert.Contains("generation_config.temperature", instance.ReadCustomStatusAs<PipelineStatus>()!.LastError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Pipeline.ResultsPath) && Directory.GetFiles(Pipeline.ResultsPath).Length > 0);
    }

    [Fact]
    public async Task RunAsync_ApiKeyRefused_FailsSayingUnauthorized()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Gemini.Responder = _ => FakeGeminiReply.Unauthorized();

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        Assert.Single(Gemini.Requests);
        var error = instance.FailureDetails!.ErrorMessage;
        Assert.Contains("Unauthorized", error, StringComparison.Ordinal);
        Assert.Contains("401", error, StringComparison.Ordinal);
    }
}
