using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace DocPipeline.Tests.DurableTask.Conformance;

/// <summary>Registers SDK orchestrators and activities with a <see cref="TaskHubWorker"/> through the shim factory.</summary>
public static class ShimRegistration
{
    private static readonly DurableTaskShimFactory Shims = new();

    public static void AddOrchestrator<T>(this TaskHubWorker worker)
        where T : ITaskOrchestrator, new() =>
        worker.AddTaskOrchestrations(new OrchestratorCreator(typeof(T).Name, () => new T()));

    public static void AddActivity<T>(this TaskHubWorker worker)
        where T : ITaskActivity, new() =>
        worker.AddTaskActivities(new ActivityCreator(typeof(T).Name, () => new T()));

    private sealed class OrchestratorCreator : ObjectCreator<TaskOrchestration>
    {
        private readonly Func<ITaskOrchestrator> _create;

        public OrchestratorCreator(string name, Func<ITaskOrchestrator> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override TaskOrchestration Create() => Shims.CreateOrchestration(Name, _create());
    }

    private sealed class ActivityCreator : ObjectCreator<TaskActivity>
    {
        private readonly Func<ITaskActivity> _create;

        public ActivityCreator(string name, Func<ITaskActivity> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override TaskActivity Create() => Shims.CreateActivity(Name, _create());
    }
}
