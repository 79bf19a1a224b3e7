using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace DocPipeline.Tests.DurableTask;

/// <summary>Small orchestrators and activities, written against the Durable Task SDK, that the engine tests run.</summary>
public static class TestTasks
{
    /// <summary>Calls <c>Add</c> once per step and returns the sum of the step numbers.</summary>
    public sealed class Sequence : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var sum = 0;
            for (var i = 0; i < input; i++)
            {
                context.SetCustomStatus(new { step = i });
                sum += await context.CallActivityAsync<int>("Add", i);
            }

            return sum;
        }
    }

    /// <summary>Fans out one <c>Add</c> per item and sums the results.</summary>
    public sealed class FanOut : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var results = await Task.WhenAll(Enumerable.Range(0, input).Select(i => context.CallActivityAsync<int>("Add", i)));
            return results.Sum();
        }
    }

    /// <summary>Echoes its input after the named scoped-service check.</summary>
    public sealed class Add(ExecutionLog log) : TaskActivity<int, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, int input)
        {
            log.Record(context.InstanceId, input);
            return Task.FromResult(input);
        }
    }

    /// <summary>Waits for the event <c>go</c> and returns its payload.</summary>
    public sealed class WaitForGo : TaskOrchestrator<string?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
        {
            context.SetCustomStatus("waiting");
            var payload = await context.WaitForExternalEvent<string>("go");
            return (input ?? string.Empty) + payload;
        }
    }

    /// <summary>Calls <c>Flaky</c>, which fails while <see cref="FailSwitch"/> is on.</summary>
    public sealed class CallsFlaky : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var first = await context.CallActivityAsync<int>("Add", 1);
            return await context.CallActivityAsync<string>("Flaky", input) + first;
        }
    }

    /// <summary>Fails while the switch is on.</summary>
    public sealed class Flaky(FailSwitch failSwitch) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) =>
            failSwitch.Fail ? throw new InvalidOperationException("flaky failure: " + input) : Task.FromResult("ok:" + input);
    }

    /// <summary>Whether <see cref="Flaky"/> fails.</summary>
    public sealed class FailSwitch
    {
        public volatile bool Fail = true;
    }

    /// <summary>Every activity execution, by instance, in order; one per DI scope.</summary>
    public sealed class ExecutionLog
    {
        private readonly ConcurrentQueue<(string InstanceId, int Step)> _entries = new();

        public IReadOnlyList<int> StepsOf(string instanceId) => _entries.Where(e => e.InstanceId == instanceId).Select(e => e.Step).ToList();

        public void Record(string instanceId, int step) => _entries.Enqueue((instanceId, step));
    }

    /// <summary>A scoped service: a new one per activity execution.</summary>
    public sealed class ScopeMarker
    {
        public Guid Id { get; } = Guid.NewGuid();
    }

    /// <summary>Returns the id of the scoped marker it was given.</summary>
    public sealed class ScopeProbe(ScopeMarker marker) : TaskActivity<int, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, int input) => Task.FromResult(marker.Id.ToString("N"));
    }

    /// <summary>Runs <c>ScopeProbe</c> twice and returns both scope ids.</summary>
    public sealed class TwoScopes : TaskOrchestrator<int, string[]>
    {
        public override async Task<string[]> RunAsync(TaskOrchestrationContext context, int input) =>
            [await context.CallActivityAsync<string>("ScopeProbe", 1), await context.CallActivityAsync<string>("ScopeProbe", 2)];
    }
}
