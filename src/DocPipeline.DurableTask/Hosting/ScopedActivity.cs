using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.DurableTask.Hosting;

/// <summary>
/// Runs one activity execution in its own DI scope: the SDK activity class is resolved (or constructed with its
/// services) inside the scope, run through the shim, and the scope disposed when it finishes.
/// </summary>
internal sealed class ScopedActivity(string name, Func<IServiceProvider, ITaskActivity> factory, IServiceProvider services, DurableTaskShimFactory shims) : TaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("Activities run asynchronously.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var activity = factory(scope.ServiceProvider);
            var shim = shims.CreateActivity(new TaskName(name), activity);
            return await shim.RunAsync(context, input).ConfigureAwait(false);
        }
    }
}
