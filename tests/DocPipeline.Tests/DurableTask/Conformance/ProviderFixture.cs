using DurableTask.Core;

namespace DocPipeline.Tests.DurableTask.Conformance;

/// <summary>
/// One backend under test: its orchestration service, a real <see cref="TaskHubWorker"/> running the conformance
/// tasks through the SDK shims, and a <see cref="TaskHubClient"/>. Shared by the tests of one class.
/// </summary>
public abstract class ProviderFixture : IAsyncLifetime
{
    public IOrchestrationService Service { get; private set; } = null!;

    public TaskHubWorker Worker { get; private set; } = null!;

    public TaskHubClient Client { get; private set; } = null!;

    /// <summary>Whether the backend can rewind a failed instance.</summary>
    public virtual bool SupportsRewind => false;

    /// <summary>Whether the instance state carries structured failure details (Azure Storage keeps only the output).</summary>
    public virtual bool StoresFailureDetails => true;

    public virtual Task RewindAsync(string instanceId, string reason) => throw new NotSupportedException();

    public async Task InitializeAsync()
    {
        Service = await CreateServiceAsync();
        await Service.CreateIfNotExistsAsync();
        Worker = new TaskHubWorker(Service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        Register(Worker);
        await Worker.StartAsync();
        Client = new TaskHubClient((IOrchestrationServiceClient)Service, new SdkDataConverter());
    }

    public async Task DisposeAsync()
    {
        await Worker.StopAsync(isForced: true);
        await DisposeServiceAsync();
    }

    /// <summary>Registers every conformance orchestrator and activity.</summary>
    public static void Register(TaskHubWorker worker)
    {
        worker.AddOrchestrator<ConformanceTasks.Sequence>();
        worker.AddOrchestrator<ConformanceTasks.FanOut>();
        worker.AddOrchestrator<ConformanceTasks.Retry>();
        worker.AddOrchestrator<ConformanceTasks.Timer>();
        worker.AddOrchestrator<ConformanceTasks.Approval>();
        worker.AddOrchestrator<ConformanceTasks.Parent>();
        worker.AddOrchestrator<ConformanceTasks.Counter>();
        worker.AddOrchestrator<ConformanceTasks.Large>();
        worker.AddOrchestrator<ConformanceTasks.FailMiddle>();
        worker.AddActivity<ConformanceTasks.AddOne>();
        worker.AddActivity<ConformanceTasks.Echo>();
        worker.AddActivity<ConformanceTasks.FailFirst>();
    }

    protected abstract Task<IOrchestrationService> CreateServiceAsync();

    protected abstract Task DisposeServiceAsync();
}
