using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace DocPipeline.Tests.DurableTask.Conformance;

/// <summary>The orchestrators and activities the conformance suite runs, written against the Durable Task SDK.</summary>
public static class ConformanceTasks
{
    /// <summary>Executions per key (instance id plus a label), recorded by activities so tests can see what ran.</summary>
    public static ConcurrentDictionary<string, int> Executions { get; } = new(StringComparer.Ordinal);

    public static int Count(string key) => Executions.TryGetValue(key, out var count) ? count : 0;

    public sealed record Step(string Key, int Value);

    public sealed record Payload(string Text);

    public sealed class AddOne : TaskActivity<Step, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, Step input)
        {
            Executions.AddOrUpdate(input.Key, 1, (_, n) => n + 1);
            return Task.FromResult(input.Value + 1);
        }
    }

    public sealed class Echo : TaskActivity<Payload, Payload>
    {
        public override Task<Payload> RunAsync(TaskActivityContext context, Payload input) => Task.FromResult(input);
    }

    /// <summary>Fails while it has run fewer times for its key than the value says.</summary>
    public sealed class FailFirst : TaskActivity<Step, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, Step input)
        {
            var attempt = Executions.AddOrUpdate(input.Key, 1, (_, n) => n + 1);
            return attempt <= input.Value
                ? throw new InvalidOperationException($"boom on attempt {attempt}")
                : Task.FromResult(attempt);
        }
    }

    /// <summary>Calls AddOne <c>count</c> times in a row.</summary>
    public sealed class Sequence : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var value = 0;
            for (var i = 0; i < input; i++)
            {
                value = await context.CallActivityAsync<int>(nameof(AddOne), new Step($"{context.InstanceId}/{i}", value));
            }

            return value;
        }
    }

    /// <summary>Calls AddOne <c>count</c> times at once and sums.</summary>
    public sealed class FanOut : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var calls = Enumerable.Range(0, input).Select(i => context.CallActivityAsync<int>(nameof(AddOne), new Step($"{context.InstanceId}/{i}", i)));
            var results = await Task.WhenAll(calls);
            return results.Sum();
        }
    }

    /// <summary>Calls FailFirst with a retry policy of three attempts; returns the attempt that succeeded.</summary>
    public sealed class Retry : TaskOrchestrator<int, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, int input) =>
            context.CallActivityAsync<int>(
                nameof(FailFirst),
                new Step(context.InstanceId, input),
                TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMilliseconds(100))));
    }

    /// <summary>Waits on a durable timer of the given milliseconds.</summary>
    public sealed class Timer : TaskOrchestrator<int, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, int input)
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(input), CancellationToken.None);
            return "fired";
        }
    }

    /// <summary>Sets a custom status, then waits for the "approve" event and returns its value.</summary>
    public sealed class Approval : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            context.SetCustomStatus(new { stage = "waiting", input });
            var value = await context.WaitForExternalEvent<string>("approve");
            context.SetCustomStatus(new { stage = "approved", input });
            return value;
        }
    }

    /// <summary>Runs Sequence as a sub-orchestration and doubles its result.</summary>
    public sealed class Parent : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var child = await context.CallSubOrchestratorAsync<int>(nameof(Sequence), input, new SubOrchestrationOptions { InstanceId = context.InstanceId + ":child" });
            return child * 2;
        }
    }

    /// <summary>Continues as new until the input reaches 3, calling one activity per generation.</summary>
    public sealed class Counter : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var next = await context.CallActivityAsync<int>(nameof(AddOne), new Step($"{context.InstanceId}/gen{input}", input));
            if (next < 3)
            {
                context.ContinueAsNew(next);
                return -1;
            }

            return next;
        }
    }

    /// <summary>Echoes a payload through an activity.</summary>
    public sealed class Large : TaskOrchestrator<Payload, Payload>
    {
        public override Task<Payload> RunAsync(TaskOrchestrationContext context, Payload input) =>
            context.CallActivityAsync<Payload>(nameof(Echo), input);
    }

    /// <summary>Calls AddOne, then FailFirst (failing the given number of times, no retry), then AddOne.</summary>
    public sealed class FailMiddle : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var first = await context.CallActivityAsync<int>(nameof(AddOne), new Step(context.InstanceId + "/first", 0));
            var attempt = await context.CallActivityAsync<int>(nameof(FailFirst), new Step(context.InstanceId + "/fail", input));
            var last = await context.CallActivityAsync<int>(nameof(AddOne), new Step(context.InstanceId + "/last", first + attempt));
            return last;
        }
    }
}
