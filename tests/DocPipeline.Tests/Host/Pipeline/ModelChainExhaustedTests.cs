using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>Both models fail: the offline analyzer answers when allowed; otherwise the run fails naming every reason.</summary>
public sealed class ModelChainExhaustedTests : IAsyncLifetime
{
    private const string Primary = PipelineTestHost.PrimaryModel;
    private const string Fallback = PipelineTestHost.FallbackModel;

    private FakeGeminiServer _gemini = null!;

    public async Task InitializeAsync()
    {
        _gemini = await FakeGeminiServer.StartAsync();
        _gemini.Responder = r => r.Model == Primary ? FakeGeminiReply.ServerError(503) : FakeGeminiReply.Safety("SAFETY");
    }

    public Task DisposeAsync() => _gemini.DisposeAsync().AsTask();

    [Fact]
    public async Task Run_BothModelsFailOfflineAllowed_OfflineAnalyzerProducesTheResult()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var host = await PipelineTestHost.StartAsync(_gemini, cancellationToken: timeout.Token);

        var instance = await host.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
        Assert.Equal(3, _gemini.RequestCount(Primary));
        Assert.Equal(1, _gemini.RequestCount(Fallback));
        var result = await host.ReadResultAsync(instance.InstanceId, timeout.Token);
        Assert.Equal([PipelineTestHost.OfflineModel], PipelineTestHost.Models(result));
        Assert.True(result.GetProperty("validation").GetProperty("valid").GetBoolean());
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("result").GetProperty("summary").GetString()));
        var chunk = Assert.Single(result.GetProperty("chunks").EnumerateArray());
        Assert.Equal(PipelineTestHost.OfflineModel, chunk.GetProperty("model").GetString());
        var steps = chunk.GetProperty("fallbacks").EnumerateArray().ToList();
        Assert.Equal([Primary, Fallback], steps.Select(s => s.GetProperty("model").GetString()));
        Assert.Contains("Transient after 3 attempt(s)", steps[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Safety:", steps[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0m, result.GetProperty("usage").GetProperty("total").GetProperty("costUsd").GetDecimal());
    }

    [Fact]
    public async Task Run_BothModelsFailOfflineDisallowed_FailsNamingEveryModelsReason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var host = await PipelineTestHost.StartAsync(
            _gemini,
            new Dictionary<string, string?> { ["Pipeline:AllowOfflineFallback"] = "false" },
            timeout.Token);

        var instance = await host.RunAsync(TestDocuments.RefundEmail(), "refund.txt", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        var error = instance.FailureDetails!.ErrorMessage;
        Assert.Contains("Every model failed for chunk 0", error, StringComparison.Ordinal);
        Assert.Contains($"{Primary}: Transient after 3 attempt(s)", error, StringComparison.Ordinal);
        Assert.Contains("503", error, StringComparison.Ordinal);
        Assert.Contains($"{Fallback}: Safety", error, StringComparison.Ordinal);
        Assert.DoesNotContain(PipelineTestHost.OfflineModel, error, StringComparison.Ordinal);

        var status = instance.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Equal("infer", status.Stage);
        Assert.Equal("3/5", status.Step);
        Assert.Contains(Primary, status.LastError, StringComparison.Ordinal);
        Assert.Contains(Fallback, status.LastError, StringComparison.Ordinal);

        var history = await host.HistoryAsync(instance.InstanceId, timeout.Token);
        Assert.Equal(2, history.Count(e => e.EventType == EventType.TimerCreated));
        Assert.False(Directory.Exists(host.ResultsPath) && Directory.EnumerateFiles(host.ResultsPath).Any());
    }
}
