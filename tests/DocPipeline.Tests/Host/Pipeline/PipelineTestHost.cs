using DurableTask.Core.History;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using DocPipeline.Host.Hosting;
using DocPipeline.Pipeline;
using DocPipeline.Tests.Inference.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>
/// The whole pipeline in this process: the real SQLite store, worker, activities and Gemini REST client (pointed at a
/// <see cref="FakeGeminiServer"/>), with state and results in a fresh temp folder and retry intervals in milliseconds.
/// </summary>
internal sealed class PipelineTestHost : IAsyncDisposable
{
    public const string PrimaryModel = "gemini-2.5-pro";
    public const string FallbackModel = "gemini-2.5-flash";
    public const string OfflineModel = "offline-extractive";
    public const string ApiKey = "pipeline-test-key";

    private readonly IHost _host;

    private PipelineTestHost(IHost host, string root)
    {
        _host = host;
        Root = root;
    }

    public string Root { get; }

    public string ResultsPath => Path.Combine(Root, "results");

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public DocumentSubmitter Submitter => _host.Services.GetRequiredService<DocumentSubmitter>();

    /// <summary>Settings every test starts from; <paramref name="gemini"/> null leaves Gemini unconfigured.</summary>
    public static Dictionary<string, string?> DefaultSettings(FakeGeminiServer? gemini, string root)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Pipeline:PrimaryModel"] = PrimaryModel,
            ["Pipeline:FallbackModel"] = FallbackModel,
            ["Pipeline:ResultsPath"] = Path.Combine(root, "results"),
            ["Pipeline:MaxAttemptsPerModel"] = "3",
            ["Pipeline:FirstRetryInterval"] = "00:00:00.050",
            ["Pipeline:MaxRetryInterval"] = "00:00:00.200",
            ["Pipeline:QuotaExhaustedThreshold"] = "00:00:05",
            ["Pipeline:Models:RateLimitedPause"] = "00:00:00.100",
            ["extensions:durableTask:MaxQueuePollingInterval"] = "00:00:00.200",
            ["extensions:durableTask:ShutdownTimeout"] = "00:00:02",
        };
        if (gemini is not null)
        {
            settings["Pipeline:Gemini:ApiKey"] = ApiKey;
            settings["Pipeline:Gemini:BaseUrl"] = gemini.BaseUrl.ToString();
            settings["Pipeline:Gemini:RequestTimeout"] = "00:00:20";
        }

        return settings;
    }

    public static async Task<PipelineTestHost> StartAsync(
        FakeGeminiServer? gemini,
        IReadOnlyDictionary<string, string?>? overrides = null,
        CancellationToken cancellationToken = default)
    {
        var root = Path.Combine(Path.GetTempPath(), "docpipeline-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var settings = DefaultSettings(gemini, root);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDocPipeline(builder.Configuration, Path.Combine(root, ".docpipeline"), runWorker: true);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new PipelineTestHost(host, root);
    }

    /// <summary>Submits a document and waits for its run to end.</summary>
    public async Task<OrchestrationMetadata> RunAsync(byte[] content, string sourceName, bool reprocess = false, CancellationToken cancellationToken = default)
    {
        var submission = await Submitter.SubmitAsync(content, sourceName, "test", reprocess, cancellationToken: cancellationToken);
        return await Client.WaitForInstanceCompletionAsync(submission.InstanceId, getInputsAndOutputs: true, cancellationToken);
    }

    /// <summary>The stored result file of an instance, parsed.</summary>
    public async Task<JsonElement> ReadResultAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var files = Directory.GetFiles(ResultsPath, "*.json");
        var path = Assert.Single(files, f => Path.GetFileNameWithoutExtension(f) == instanceId);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        return document.RootElement.Clone();
    }

    /// <summary>The <c>models</c> list of a result file.</summary>
    public static List<string?> Models(JsonElement result) =>
        result.GetProperty("models").EnumerateArray().Select(m => m.GetString()).ToList();

    /// <summary>The instance's history, oldest first, with each event's full JSON for content checks.</summary>
    public async Task<IReadOnlyList<HistoryRow>> HistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var events = await Client.GetOrchestrationHistoryAsync(instanceId, cancellationToken);
        return events.Select(e => new HistoryRow(
            e.EventType,
            e.Timestamp,
            (e as TimerCreatedEvent)?.FireAt,
            e switch
            {
                TaskScheduledEvent t => t.Name,
                ExecutionStartedEvent s => s.Name,
                _ => null,
            },
            JsonSerializer.Serialize<object>(e))).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on some systems; the OS temp cleaner removes leftovers.
        }
    }
}
