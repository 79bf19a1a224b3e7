using System.Text.Json;
using DocPipeline.Pipeline;
using DocPipeline.Tests.Inference.Fakes;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Functions.Tests.Pipeline;

/// <summary>
/// The shared orchestrator and activities on the Durable Task SDK's in-process backend (the worker code the isolated
/// Functions worker runs), with the real Gemini REST client pointed at a <see cref="FakeGeminiServer"/>, artifacts and
/// results in a fresh temp folder and retry intervals in milliseconds.
/// </summary>
internal sealed class PipelineTestHost : IAsyncDisposable
{
    public const string PrimaryModel = "gemini-2.5-pro";
    public const string FallbackModel = "gemini-2.5-flash";
    public const string ApiKey = "pipeline-test-key";

    private readonly DurableTaskTestHost _host;

    private PipelineTestHost(DurableTaskTestHost host, string root, DocumentSubmitter submitter)
    {
        _host = host;
        Root = root;
        Submitter = submitter;
    }

    public string Root { get; }

    public string ResultsPath => Path.Combine(Root, "results");

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _host.Services;

    public DocumentSubmitter Submitter { get; }

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
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        var root = Path.Combine(Path.GetTempPath(), "docpipeline-sdk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var settings = DefaultSettings(gemini, root);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var host = await InProcessHosts.StartAsync(() => DurableTaskTestHost.StartAsync(
            registry => registry.AddDocumentPipeline(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddSingleton<IConfiguration>(configuration);
                    services.AddDocumentPipeline(configuration, PipelineStorage.Files(Path.Combine(root, ".docpipeline")));
                    configureServices?.Invoke(services);
                },
            },
            cancellationToken));
        var submitter = ActivatorUtilities.CreateInstance<DocumentSubmitter>(host.Services, host.Client);
        return new PipelineTestHost(host, root, submitter);
    }

    /// <summary>Submits a document and waits for its run to end (one run at a time: the backend runs about two work items at once).</summary>
    public async Task<OrchestrationMetadata> RunAsync(byte[] content, string sourceName, bool reprocess = false, CancellationToken cancellationToken = default)
    {
        var submission = await Submitter.SubmitAsync(content, sourceName, "test", reprocess, cancellationToken: cancellationToken);
        return await Client.WaitForInstanceCompletionAsync(submission.InstanceId, getInputsAndOutputs: true, cancellationToken);
    }

    public async Task<JsonElement> ReadResultAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var files = Directory.GetFiles(ResultsPath, "*.json");
        var path = Assert.Single(files, f => Path.GetFileNameWithoutExtension(f) == instanceId);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        return document.RootElement.Clone();
    }

    public static List<string?> Models(JsonElement result) =>
        result.GetProperty("models").EnumerateArray().Select(m => m.GetString()).ToList();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be open for a moment; the OS temp cleaner removes leftovers.
        }
    }
}
