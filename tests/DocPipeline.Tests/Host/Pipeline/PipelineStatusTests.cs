using DocPipeline.DurableTask.Http;
using DocPipeline.Host.Hosting;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>The custom status clients poll: <c>{stage, step, percent, chunksDone, chunksTotal, model, lastError}</c>.</summary>
public sealed partial class PipelineStatusTests : IAsyncLifetime
{
    private static readonly string[] StatusFields = ["stage", "step", "percent", "chunksDone", "chunksTotal"];

    private FakeGeminiServer _gemini = null!;
    private PipelineTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _gemini = await FakeGeminiServer.StartAsync();
        _host = await PipelineTestHost.StartAsync(_gemini, new Dictionary<string, string?> { ["Pipeline:MaxChunkTokens"] = "200" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _gemini.DisposeAsync();
    }

    [Fact]
    public async Task Run_MultiChunkDocument_StatusReportsEveryStepInOrder()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var document = TestDocuments.LongReport(sections: 4);

        // The chunk holding the last section answers slowly, so the run is seen part-way through inference.
        _gemini.Responder = r => ModelAnswers.DocumentText(r).Contains("Section 4:", StringComparison.Ordinal)
            ? ModelAnswers.Valid(r).WithLatency(TimeSpan.FromSeconds(2))
            : ModelAnswers.Valid(r);

        var submission = await _host.Submitter.SubmitAsync(document, "report.txt", "test", cancellationToken: timeout.Token);
        var seen = await WatchStatusAsync(submission.InstanceId, timeout.Token);

        var chunks = _gemini.Requests.Count;
        Assert.True(chunks >= 2, $"expected several chunks, got {chunks}");
        foreach (var status in seen)
        {
            using var json = JsonDocument.Parse(status);
            foreach (var field in StatusFields)
            {
                Assert.True(json.RootElement.TryGetProperty(field, out _), $"status {status} lacks {field}");
            }

            Assert.Matches(StepPattern(), json.RootElement.GetProperty("step").GetString());
            Assert.InRange(json.RootElement.GetProperty("percent").GetInt32(), 0, 100);
        }

        var statuses = seen.Select(s => JsonSerializer.Deserialize<PipelineStatus>(s, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToList();
        Assert.Equal(statuses.Select(s => s.Step).Order(StringComparer.Ordinal), statuses.Select(s => s.Step));
        Assert.Equal(statuses.Select(s => s.Percent).Order(), statuses.Select(s => s.Percent));
        Assert.Contains(statuses, s => s.Stage == "infer" && s.Step == "3/5" && s.ChunksDone == chunks - 1 && s.ChunksTotal == chunks &&
                                       s.Model == PipelineTestHost.PrimaryModel && s.Percent > 20 && s.Percent < 80);
        Assert.Equal(new PipelineStatus("done", "5/5", 100, chunks, chunks, null, null), statuses[^1]);
    }

    [Fact]
    public async Task Run_RejectedDocument_StatusShowsTheFailedStepAndReason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var instance = await _host.RunAsync(TestDocuments.EncryptedPdfFile(), "salaries.pdf", cancellationToken: timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, instance.RuntimeStatus);
        var status = instance.ReadCustomStatusAs<PipelineStatus>()!;
        Assert.Equal("failed", status.Stage);
        Assert.Equal("1/5", status.Step);
        Assert.Equal(100, status.Percent);
        Assert.Equal(0, status.ChunksTotal);
        Assert.Null(status.Model);
        Assert.Contains("encrypted", status.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_gemini.Requests);
    }

    /// <summary>Records every distinct custom status until the run ends, re-reading whenever the store reports a change.</summary>
    private async Task<List<string>> WatchStatusAsync(string instanceId, CancellationToken cancellationToken)
    {
        var seen = new List<string>();
        while (true)
        {
            var signal = _host.Client.NextChangeAsync();
            var instance = await _host.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellation: cancellationToken);
            if (instance?.SerializedCustomStatus is { } status && (seen.Count == 0 || seen[^1] != status))
            {
                seen.Add(status);
            }

            if (instance is not null && instance.RuntimeStatus.IsTerminal())
            {
                Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
                return seen;
            }

            await signal.WaitAsync(cancellationToken);
        }
    }

    [GeneratedRegex("^[1-5]/5$")]
    private static partial Regex StepPattern();
}
