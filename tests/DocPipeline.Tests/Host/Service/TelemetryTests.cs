using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline.Telemetry;
using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>Traces, metrics and OTLP export of the serve host.</summary>
[Collection(ServeCollection.Name)]
public sealed class TelemetryTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token;

    [Fact]
    public async Task Upload_WithTraceParent_PutsUploadStartActivitiesAndModelCallsInOneTrace()
    {
        var ct = Timeout();
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DocPipelineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await using var gemini = await FakeGeminiServer.StartAsync(ct);
        await using var host = await ServeTestHost.StartAsync(ct, "Pipeline:Gemini:ApiKey=fake-gemini-key", "Pipeline:Gemini:BaseUrl=" + gemini.BaseUrl);
        var callerSpan = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/documents?name=traced.txt") { Content = new ByteArrayContent(ServeJson.UniqueText()) };
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpan}-01");

        using var response = await host.Client.SendAsync(request, ct);
        var id = ServeJson.String(await ServeJson.ReadAsync(response, ct), "id");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitForRunAsync(id, ct)).RuntimeStatus);

        var byName = spans.ToLookup(s => s.OperationName);
        var upload = Assert.Single(byName["POST /api/documents"]);
        Assert.Equal(callerSpan, upload.ParentSpanId);
        Assert.Equal(ActivityKind.Server, upload.Kind);
        var start = Assert.Single(byName["start DocumentPipeline"]);
        Assert.Equal(upload.SpanId, start.ParentSpanId);
        foreach (var stage in new[] { "ExtractText", "Sanitize", "AnalyzeChunk", "Validate", "StoreResult" })
        {
            Assert.All(byName[stage], s => Assert.Equal(start.SpanId, s.ParentSpanId));
            Assert.NotEmpty(byName[stage]);
        }

        var analyzeSpans = byName["AnalyzeChunk"].Select(s => s.SpanId).ToHashSet();
        var modelCalls = spans.Where(s => s.OperationName.StartsWith("generate_content ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(modelCalls);
        Assert.All(modelCalls, s => Assert.Contains(s.ParentSpanId, analyzeSpans));
        Assert.Contains(modelCalls, s => (string?)s.GetTagItem("gen_ai.request.model") == "gemini-2.5-pro");
        Assert.Equal(id, byName["ExtractText"].First().GetTagItem("docpipeline.instance_id"));
    }

    [Fact]
    public async Task Pipeline_WithMeterListener_RecordsSubmissionsStagesModelsAndOutcomes()
    {
        var ct = Timeout();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DocPipelineTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();
        await using var gemini = await FakeGeminiServer.StartAsync(ct);
        await using var host = await ServeTestHost.StartAsync(ct, "Pipeline:Gemini:ApiKey=fake-gemini-key", "Pipeline:Gemini:BaseUrl=" + gemini.BaseUrl);

        using var accepted = await host.UploadAsync(ServeJson.UniqueText(), "metered.txt", ct);
        using var refused = await host.UploadAsync([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4], "image.png", ct);
        var id = ServeJson.String(await ServeJson.ReadAsync(accepted, ct), "id");
        await host.WaitForRunAsync(id, ct);
        listener.RecordObservableInstruments();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        var all = measurements.ToList();
        Assert.Contains(all, m => m.Instrument == "docpipeline.documents.submitted" && Tag(m, "trigger") == "http" && Tag(m, "outcome") == "started");
        Assert.Contains(all, m => m.Instrument == "docpipeline.documents.submitted" && Tag(m, "outcome") == "rejected");
        Assert.Contains(all, m => m.Instrument == "docpipeline.stage.duration" && Tag(m, "stage") == "ExtractText" && Tag(m, "outcome") == "ok" && m.Value >= 0);
        Assert.Contains(all, m => m.Instrument == "docpipeline.documents.finished" && Tag(m, "outcome") == "completed");
        Assert.Contains(all, m => m.Instrument == "docpipeline.model.calls" && Tag(m, "model") == "gemini-2.5-pro" && Tag(m, "outcome") == "ok");
        Assert.Contains(all, m => m.Instrument == "docpipeline.model.tokens" && Tag(m, "model") == "gemini-2.5-pro" && Tag(m, "direction") == "input" && m.Value > 0);
        Assert.Contains(all, m => m.Instrument == "docpipeline.model.fallbacks" && Tag(m, "model") == "gemini-2.5-pro");
        Assert.Contains(all, m => m.Instrument == "docpipeline.queue.depth" && Tag(m, "status") == "pending");
    }

    [Fact]
    public async Task OtlpEndpoint_WhenSet_ExportsTracesMetricsAndLogsWithoutTheKey()
    {
        var ct = Timeout();
        const string key = "otlp-test-key-0123456789";
        await using var collector = await FakeOtlpCollector.StartAsync(ct);
        var host = await ServeTestHost.StartAsync(
            ct,
            "OTEL_EXPORTER_OTLP_ENDPOINT=" + collector.Endpoint,
            "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "DOCPIPELINE_API_KEY=" + key);
        try
        {
            using var response = await host.UploadAsync(ServeJson.UniqueText(), "exported.txt", ct, "&code=" + key);
            var id = ServeJson.String(await ServeJson.ReadAsync(response, ct), "id");
            await host.WaitForRunAsync(id, ct);
        }
        finally
        {
            // Stopping the host flushes the exporters.
            await host.DisposeAsync();
        }

        var traces = collector.Bodies("/v1/traces");
        Assert.Contains(traces, b => b.Contains("ExtractText", StringComparison.Ordinal) && b.Contains("start DocumentPipeline", StringComparison.Ordinal));
        Assert.Contains(collector.Bodies("/v1/metrics"), b => b.Contains("docpipeline.documents.submitted", StringComparison.Ordinal));
        Assert.Contains(collector.Bodies("/v1/logs"), b => b.Contains("Upload {InstanceId}", StringComparison.Ordinal) || b.Contains("Upload doc-", StringComparison.Ordinal));
        Assert.DoesNotContain(collector.AllBodies(), b => b.Contains(key, StringComparison.Ordinal));
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            result[key] = value;
        }

        return result;
    }

    private static string? Tag((string Instrument, double Value, Dictionary<string, object?> Tags) measurement, string name) =>
        measurement.Tags.TryGetValue(name, out var value) ? value?.ToString() : null;
}
