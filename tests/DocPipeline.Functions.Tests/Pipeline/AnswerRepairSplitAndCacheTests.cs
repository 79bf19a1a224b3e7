using DocPipeline.Pipeline;
using DocPipeline.Tests.Functions.Pipeline;
using DocPipeline.Tests.Inference.Fakes;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Functions.Tests.Pipeline;

/// <summary>One repair request for an invalid answer, splitting an over-long chunk, and answers paid for once.</summary>
public sealed class AnswerRepairSplitAndCacheTests() : PipelineTests(new Dictionary<string, string?> { ["Pipeline:MaxChunkTokens"] = "200" })
{
    [Fact]
    public async Task RunAsync_InvalidJsonThenValidRepair_CompletesMarkedRepaired()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Gemini.Enqueue(Primary, ModelAnswers.NotJson());
        Gemini.Responder = ModelAnswers.Valid;

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var requests = Gemini.Requests;
        Assert.Equal(2, requests.Count);
        Assert.False(ModelAnswers.IsRepair(requests[0]));
        Assert.True(ModelAnswers.IsRepair(requests[1]), "the second request should be the repair prompt");
        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        var chunk = Assert.Single(result.GetProperty("chunks").EnumerateArray());
        Assert.Equal(Primary, chunk.GetProperty("model").GetString());
        Assert.True(chunk.GetProperty("repaired").GetBoolean());
        Assert.True(result.GetProperty("validation").GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task RunAsync_InvalidJsonTwice_FallsBackToNextModel()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Gemini.Responder = r => r.Model == Primary ? ModelAnswers.NotJson() : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(2, Gemini.RequestCount(Primary));
        Assert.Equal(1, Gemini.RequestCount(Fallback));
        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        var step = Assert.Single(Assert.Single(result.GetProperty("chunks").EnumerateArray()).GetProperty("fallbacks").EnumerateArray());
        Assert.Contains("invalid answer after a repair request", step.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InputTooLongForModel_SplitsTheChunkAndAnalyzesTheParts()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var document = TestDocuments.RefundEmail();
        var limit = 200;
        Gemini.Responder = r => ModelAnswers.DocumentText(r).Length > limit ? FakeGeminiReply.InputTooLong() : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(document, "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var requests = Gemini.Requests;
        Assert.All(requests, r => Assert.Equal(Primary, r.Model));
        Assert.Contains(requests, r => ModelAnswers.DocumentText(r).Length > limit);
        var answered = requests.Where(r => ModelAnswers.DocumentText(r).Length <= limit).ToList();
        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        var chunks = result.GetProperty("chunks").EnumerateArray().ToList();
        Assert.True(chunks.Count >= 2, $"expected the chunk to be split, got {chunks.Count} part(s)");
        Assert.Equal(answered.Count, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.Contains('.', c.GetProperty("chunk").GetString()!);
            Assert.Equal(Primary, c.GetProperty("model").GetString());
            Assert.Empty(c.GetProperty("fallbacks").EnumerateArray());
        });
    }

    [Fact]
    public async Task Reprocess_SameDocument_ReadsEveryAnswerFromTheCacheWithoutCallingTheModel()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        Gemini.Responder = ModelAnswers.Valid;
        var document = TestDocuments.LongReport(sections: 6);
        var first = await Pipeline.RunAsync(document, "report.txt", cancellationToken: timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        var firstResult = await Pipeline.ReadResultAsync(first.InstanceId, timeout.Token);
        var chunkCount = firstResult.GetProperty("chunks").GetArrayLength();
        Assert.True(chunkCount >= 3, $"expected several chunks, got {chunkCount}");
        Assert.Equal(chunkCount, Gemini.Requests.Count);

        var again = await Pipeline.Submitter.SubmitAsync(document, "report.txt", "test", reprocess: false, cancellationToken: timeout.Token);
        Assert.Equal(SubmissionOutcome.AlreadyCompleted, again.Outcome);
        var reprocess = await Pipeline.Submitter.SubmitAsync(document, "report.txt", "test", reprocess: true, cancellationToken: timeout.Token);
        Assert.Equal(SubmissionOutcome.Restarted, reprocess.Outcome);
        var second = await Pipeline.Client.WaitForInstanceCompletionAsync(reprocess.InstanceId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.Equal(chunkCount, Gemini.Requests.Count);
        var result = await Pipeline.ReadResultAsync(second.InstanceId, timeout.Token);
        Assert.All(result.GetProperty("chunks").EnumerateArray(), c => Assert.True(c.GetProperty("fromCache").GetBoolean()));
        Assert.Equal(0m, result.GetProperty("usage").GetProperty("total").GetProperty("costUsd").GetDecimal());
        Assert.Equal(firstResult.GetProperty("result").GetRawText(), result.GetProperty("result").GetRawText());
    }
}
