using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>Model answers are saved before a step completes, so running the same document again pays nothing.</summary>
public sealed class ResponseCacheTests() : PipelineTests(new Dictionary<string, string?> { ["Pipeline:MaxChunkTokens"] = "200" })
{
    private protected override void Prepare(FakeGeminiServer gemini)
    {
        gemini.Responder = ModelAnswers.Valid;
    }

    [Fact]
    public async Task Reprocess_SameDocument_ReadsEveryAnswerFromTheCacheWithoutCallingTheModel()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var document = TestDocuments.LongReport(sections: 5);
        var first = await Pipeline.RunAsync(document, "report.txt", cancellationToken: timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        var firstResult = await Pipeline.ReadResultAsync(first.InstanceId, timeout.Token);
        var chunkCount = firstResult.GetProperty("chunks").GetArrayLength();
        Assert.True(chunkCount >= 3, $"expected several chunks, got {chunkCount}");
        Assert.Equal(chunkCount, Gemini.Requests.Count);
        Assert.Equal(chunkCount, Gemini.Requests.Select(ModelAnswers.PromptHash).Distinct().Count());

        var again = await Pipeline.Submitter.SubmitAsync(document, "report.txt", "test", reprocess: false, cancellationToken: timeout.Token);
        Assert.Equal(SubmissionOutcome.AlreadyCompleted, again.Outcome);

        var reprocess = await Pipeline.Submitter.SubmitAsync(document, "report.txt", "test", reprocess: true, cancellationToken: timeout.Token);
        Assert.Equal(SubmissionOutcome.Restarted, reprocess.Outcome);
        Assert.Equal(first.InstanceId, reprocess.InstanceId);
        var second = await Pipeline.Client.WaitForInstanceCompletionAsync(reprocess.InstanceId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.NotEqual(first.CreatedAt, second.CreatedAt);
        Assert.Equal(chunkCount, Gemini.Requests.Count);
        var result = await Pipeline.ReadResultAsync(second.InstanceId, timeout.Token);
        var chunks = result.GetProperty("chunks").EnumerateArray().ToList();
        Assert.Equal(chunkCount, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.True(c.GetProperty("fromCache").GetBoolean());
            Assert.Equal(PipelineTestHost.PrimaryModel, c.GetProperty("model").GetString());
        });
        Assert.Equal(0m, result.GetProperty("usage").GetProperty("total").GetProperty("costUsd").GetDecimal());
        Assert.Equal(firstResult.GetProperty("result").GetRawText(), result.GetProperty("result").GetRawText());
    }
}
