using Microsoft.DurableTask.Client;
using DocPipeline.Host.Hosting;
using DocPipeline.Pipeline;
using DocPipeline.Host.Triggers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DocPipeline.Tests.Functions.Triggers;

/// <summary>
/// The pipeline on the embedded SQLite store plus the triggers, in a generic host over a temporary app root, the
/// way <c>docpipeline serve</c> composes them. Disposing stops the host; the app root is deleted by its owner.
/// </summary>
internal sealed class TriggerTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TriggerTestHost(IHost host, string appRoot)
    {
        _host = host;
        AppRoot = appRoot;
    }

    public string AppRoot { get; }

    public IServiceProvider Services => _host.Services;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Fast polling so tests do not wait on production intervals; <paramref name="settings"/> win.</summary>
    public static async Task<TriggerTestHost> StartAsync(
        string appRoot,
        TriggerEnvironment environment,
        IReadOnlyDictionary<string, string?>? settings = null,
        bool runWorker = true,
        CancellationToken cancellationToken = default)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = appRoot });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pipeline:ResultsPath"] = Path.Combine(appRoot, "results"),
            ["Pipeline:BlobDrop:PollInterval"] = "00:00:00.100",
            ["Pipeline:BlobDrop:SettleTime"] = "00:00:00",
            ["Pipeline:IngestQueue:MaxPollingInterval"] = "00:00:00.200",
            ["Pipeline:IngestQueue:VisibilityTimeout"] = "00:00:00",
            ["extensions:durableTask:MaxQueuePollingInterval"] = "00:00:00.200",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddDocPipeline(builder.Configuration, Path.Combine(appRoot, ".docpipeline"), runWorker);
        builder.Services.AddDocPipelineTriggers(builder.Configuration, environment);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new TriggerTestHost(host, appRoot);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking after each cycle of the trigger.</summary>
    public static async Task WaitUntilAsync(TriggerProgress progress, Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = progress.Signal.NextAsync();
            if (await condition())
            {
                return;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    public static Task WaitUntilAsync(TriggerProgress progress, Func<bool> condition, CancellationToken cancellationToken) =>
        WaitUntilAsync(progress, () => Task.FromResult(condition()), cancellationToken);

    /// <summary>Waits until the trigger has finished <paramref name="count"/> more cycles.</summary>
    public static Task WaitForCyclesAsync(TriggerProgress progress, int count, CancellationToken cancellationToken)
    {
        var target = progress.Cycles + count;
        return WaitUntilAsync(progress, () => progress.Cycles >= target, cancellationToken);
    }

    /// <summary>The instance a document with this content runs as; null while it does not exist.</summary>
    public Task<OrchestrationMetadata?> InstanceForAsync(byte[] content, CancellationToken cancellationToken) =>
        Client.GetInstanceAsync(DocumentSubmitter.InstanceIdFor(DocumentSubmitter.Hash(content)), getInputsAndOutputs: true, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await StopAsync(timeout.Token);
        _host.Dispose();
    }
}
