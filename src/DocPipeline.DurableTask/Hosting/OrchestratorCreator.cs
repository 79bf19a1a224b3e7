using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.DurableTask.Hosting;

/// <summary>Creates an orchestrator from DI for each execution and hands it to DTFx through the SDK's shim.</summary>
internal sealed class OrchestratorCreator : ObjectCreator<TaskOrchestration>
{
    private readonly Type _type;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public OrchestratorCreator(string name, Type type, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _type = type;
        _services = services;
        _shims = shims;
    }

    public override TaskOrchestration Create()
    {
        var orchestrator = (ITaskOrchestrator)ActivatorUtilities.GetServiceOrCreateInstance(_services, _type);
        return _shims.CreateOrchestration(new TaskName(Name), orchestrator);
    }
}
