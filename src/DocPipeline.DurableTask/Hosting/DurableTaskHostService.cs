using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocPipeline.DurableTask.Hosting;

/// <summary>
/// Runs the DTFx <see cref="TaskHubWorker"/> in process: creates the task hub's storage if missing, registers every
/// orchestrator and activity before starting (a name DTFx does not know backs its work item off), and stops the
/// worker with the host.
/// </summary>
internal sealed class DurableTaskHostService(
    DurableTaskBackend backend,
    DurableTaskHostRegistry registry,
    DurableTaskHostSettings settings,
    InstanceChangeSignal signal,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("DocPipeline.DurableTask");
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await backend.Service.CreateIfNotExistsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!settings.RunWorker)
        {
            _logger.ClientOnly(backend.Description);
            return;
        }

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = DurableJson.Converter }, loggerFactory);
        var worker = new TaskHubWorker(new SignallingOrchestrationService(backend.Service, signal), loggerFactory)
        {
            // The SDK's TaskFailedException carries FailureDetails only in this mode.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        if (services.GetService<Microsoft.DurableTask.Worker.IExceptionPropertiesProvider>() is { } properties)
        {
            worker.ExceptionPropertiesProvider = new ExceptionPropertiesProviderAdapter(properties);
        }

        worker.AddTaskOrchestrations(registry.Orchestrators.Select(o => (ObjectCreator<TaskOrchestration>)new OrchestratorCreator(o.Key, o.Value, services, shims)).ToArray());
        worker.AddTaskActivities(registry.Activities.Select(a => (ObjectCreator<TaskActivity>)new ActivityCreator(a.Key, a.Value, services, shims)).ToArray());
        await worker.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        _worker = worker;
        _logger.WorkerStarted(backend.Description, registry.Orchestrators.Count, registry.Activities.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var worker = Interlocked.Exchange(ref _worker, null);
        if (worker is null)
        {
            return;
        }

        try
        {
            await worker.StopAsync(isForced: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _logger.WorkerStopForced();
            await worker.StopAsync(isForced: true).ConfigureAwait(false);
        }

        _logger.WorkerStopped();
    }

    public ValueTask DisposeAsync()
    {
        (backend.Service as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }
}
