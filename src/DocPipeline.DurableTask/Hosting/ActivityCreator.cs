using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace DocPipeline.DurableTask.Hosting;

/// <summary>Gives DTFx an activity that resolves the SDK activity class from a fresh DI scope per execution.</summary>
internal sealed class ActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly Func<IServiceProvider, ITaskActivity> _factory;
    private readonly IServiceProvider _services;
    private readonly DurableTaskShimFactory _shims;

    public ActivityCreator(string name, Func<IServiceProvider, ITaskActivity> factory, IServiceProvider services, DurableTaskShimFactory shims)
    {
        Name = name;
        Version = string.Empty;
        _factory = factory;
        _services = services;
        _shims = shims;
    }

    public override TaskActivity Create() => new ScopedActivity(Name, _factory, _services, _shims);
}
