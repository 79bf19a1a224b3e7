using DocPipeline.Durable;
using DocPipeline.Functions.Pipeline;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>Model answers are saved before a step completes, so running the same document again pays nothing.</summary>
public sealed class ResponseCacheTests : IAsyncLifetime
{
    private FakeGeminiServer _gemini = null!;
    private PipelineTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _gemini = await FakeGeminiServer.StartAsync();
        _gemini.Responder = ModelAnswers.Valid;
        _host = await PipelineTestHost.StartAsync(_gemini, new Dictionary<string, string?> { ["Pipeline:MaxChunkTokens"] = "200" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _gemini.DisposeAsync();
    }

    [Fact]
    public async Task Reprocess_SameDocument_ReadsEveryAnswerFromTheCacheWithoutCallingTheModel()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var document = TestDocuments.LongReport(sections: 5);
        var first = await _host.RunAsync(document, "report.txt", cancellationToken: timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        var firstResult = await _host.ReadResultAsync(first.InstanceId, timeout.Token);
        var chunkCount = firstResult.GetProperty("chunks").GetArrayLength();
        Assert.True(chunkCount >= 3, $"expected several chunks, got {chunkCount}");
        Assert.Equal(chunkCount, _gemini.Requests.Count);
        Assert.Equal(chunkCount, _gemini.Requests.Select(ModelAnswers.PromptHash).Distinct().Count());

        var again = await _host.Submitter.SubmitAsync(document, "report.txt", "test", reprocess: false, cancellationToken: timeout.Token);
        Assert.Equal(SubmissionOutcome.AlreadyCompleted, again.Outcome);

        var reprocess = await _host.Submitter.SubmitAsync(document, "report.txt", "test", reprocess: true, cancellationToken: timeout.Token);
        Assert.Equal(SubmissionOutcome.Restarted, reprocess.Outcome);
        Assert.Equal(first.InstanceId, reprocess.InstanceId);
        var second = await _host.Client.WaitForInstanceCompletionAsync(reprocess.InstanceId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
        Assert.Equal(chunkCount, _gemini.Requests.Count);
        var result = await _host.ReadResultAsync(second.InstanceId, timeout.Token);
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
