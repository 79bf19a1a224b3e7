using DocPipeline.Durable.Store;
using DocPipeline.Durable.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DocPipeline.Durable;

/// <summary>
/// Runs orchestrations and activities from a store. Stopping is graceful: no new work is taken, running activities
/// get <see cref="DurableTaskOptions.ShutdownTimeout"/> to finish, then are canceled and handed back.
/// </summary>
public sealed class DurableTaskWorker : BackgroundService
{
    private readonly IOrchestrationStore _store;
    private readonly DurableTaskOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OrchestrationDispatcher _orchestrations;
    private readonly ActivityDispatcher _activities;
    private readonly ActivityThreads? _threads;

    /// <summary>Creates a worker.</summary>
    /// <param name="store">The store.</param>
    /// <param name="registry">The orchestrators and activities.</param>
    /// <param name="services">Resolves orchestrators and activities.</param>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public DurableTaskWorker(
        IOrchestrationStore store,
        DurableTaskRegistry registry,
        IServiceProvider services,
        IOptions<DurableTaskOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<DurableTaskWorker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _threads = _options.DedicatedActivityThreads > 0 ? new ActivityThreads(_options.DedicatedActivityThreads, _options.ActivityThreadPriority) : null;
        _activities = new ActivityDispatcher(store, registry, services, _options, _time, _logger) { Threads = (TaskScheduler?)_threads ?? TaskScheduler.Default };
        _orchestrations = new OrchestrationDispatcher(store, registry, services, _options, _time, _logger) { LocalActivities = _activities };
    }

    /// <summary>How many live instances are cached in memory.</summary>
    public int CachedInstances => _orchestrations.CachedInstances;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _store.InitializeAsync(stoppingToken).ConfigureAwait(false);
        _logger.WorkerStarted(_options.WorkerId, _store.Name, _options.MaxConcurrentOrchestratorFunctions, _options.MaxConcurrentActivityFunctions);
        using var abort = new CancellationTokenSource();
        using var registration = stoppingToken.Register(() => abort.CancelAfter(_options.ShutdownTimeout));
        await Task.WhenAll(
            Task.Run(() => _orchestrations.RunAsync(stoppingToken), CancellationToken.None),
            Task.Run(() => _activities.RunAsync(stoppingToken, abort.Token), CancellationToken.None)).ConfigureAwait(false);
        _logger.WorkerStopped(_options.WorkerId);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _threads?.Dispose();
        base.Dispose();
    }
}
