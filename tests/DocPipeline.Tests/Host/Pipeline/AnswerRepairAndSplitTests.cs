using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>Answers that fail validation get one repair request; inputs the model finds too long are split.</summary>
public sealed class AnswerRepairAndSplitTests : PipelineTests
{
    [Fact]
    public async Task Run_InvalidJsonThenValidRepair_CompletesMarkedRepaired()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Gemini.Enqueue(Primary, ModelAnswers.NotJson());
        Gemini.Responder = ModelAnswers.Valid;

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var requests = Gemini.Requests;
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(Primary, r.Model));
        Assert.False(ModelAnswers.IsRepair(requests[0]));
        Assert.True(ModelAnswers.IsRepair(requests[1]), "the second request should be the repair prompt");
        Assert.Contains("Here is the analysis you asked for", requests[1].PromptText, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", requests[1].PromptText, StringComparison.Ordinal);
        Assert.Equal(ModelAnswers.DocumentText(requests[0]), ModelAnswers.DocumentText(requests[1]));

        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        var chunk = Assert.Single(result.GetProperty("chunks").EnumerateArray());
        Assert.Equal(Primary, chunk.GetProperty("model").GetString());
        Assert.True(chunk.GetProperty("repaired").GetBoolean());
        Assert.Empty(chunk.GetProperty("fallbacks").EnumerateArray());
        Assert.True(result.GetProperty("validation").GetProperty("valid").GetBoolean());

        // Both calls were paid for and both count: 10 prompt tokens for the first answer, the rest for the repair.
        var usage = result.GetProperty("usage").GetProperty("total");
        Assert.Equal(10 + 400 + (ModelAnswers.DocumentText(requests[1]).Length / 4), usage.GetProperty("promptTokens").GetInt64());
    }

    [Fact]
    public async Task Run_InvalidJsonTwice_FallsBackToNextModel()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Gemini.Responder = r => r.Model == Primary ? ModelAnswers.NotJson() : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(2, Gemini.RequestCount(Primary));
        Assert.Equal(1, Gemini.RequestCount(Fallback));
        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        Assert.Equal([Fallback], PipelineTestHost.Models(result));
        var chunk = Assert.Single(result.GetProperty("chunks").EnumerateArray());
        Assert.Equal(Fallback, chunk.GetProperty("model").GetString());
        Assert.False(chunk.GetProperty("repaired").GetBoolean());
        var step = Assert.Single(chunk.GetProperty("fallbacks").EnumerateArray());
        Assert.Equal(Primary, step.GetProperty("model").GetString());
        Assert.Contains("invalid answer after a repair request", step.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InputTooLongForModel_SplitsChunkAndAnalyzesTheHalves()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var document = TestDocuments.LongReport(sections: 3);
        var limit = document.Length * 2 / 3;
        Gemini.Responder = r => ModelAnswers.DocumentText(r).Length > limit ? FakeGeminiReply.InputTooLong() : ModelAnswers.Valid(r);

        var instance = await Pipeline.RunAsync(document, "report.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        var requests = Gemini.Requests;
        Assert.All(requests, r => Assert.Equal(Primary, r.Model));
        Assert.True(requests.Count >= 3, $"expected the whole chunk and then its parts, got {requests.Count} requests");
        Assert.True(ModelAnswers.DocumentText(requests[0]).Length > limit);
        Assert.All(requests.Skip(1), r => Assert.True(ModelAnswers.DocumentText(r).Length <= limit));

        var history = await Pipeline.HistoryAsync(instance.InstanceId, timeout.Token);
        Assert.Single(history, e => e.EventType == EventType.TaskScheduled && e.Name == "SplitChunk");
        Assert.DoesNotContain(history, e => e.EventType == EventType.TimerCreated);

        var result = await Pipeline.ReadResultAsync(instance.InstanceId, timeout.Token);
        var chunks = result.GetProperty("chunks").EnumerateArray().ToList();
        Assert.Equal(requests.Count - 1, chunks.Count);
        Assert.All(chunks, c =>
        {
            Assert.StartsWith("0.", c.GetProperty("chunk").GetString(), StringComparison.Ordinal);
            Assert.Equal(Primary, c.GetProperty("model").GetString());
            Assert.Empty(c.GetProperty("fallbacks").EnumerateArray());
        });
        Assert.Equal([Primary], PipelineTestHost.Models(result));
        Assert.True(result.GetProperty("validation").GetProperty("valid").GetBoolean());
    }
}
