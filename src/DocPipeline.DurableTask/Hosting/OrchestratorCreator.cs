using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace DocPipeline.DurableTask.Hosting;

/// <summary>Creates an orchestrator from DI for each execution and hands it to DTFx through the SDK's shim.</summary>
internal sealed class OrchestratorCreator : ObjectCreator<TaskOrchestration>
{
    private readonly Func<IServiceProvider, ITaskOrchestrator> _factory;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public OrchestratorCreator(string name, Func<IServiceProvider, ITaskOrchestrator> factory, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _factory = factory;
        _services = services;
        _shims = shims;
    }

    public override TaskOrchestration Create()
    {
        var orchestrator = _factory(_services);
        return _shims.CreateOrchestration(new TaskName(Name), orchestrator);
    }
}
