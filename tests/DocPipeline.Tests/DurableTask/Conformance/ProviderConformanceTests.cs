using System.Text.Json;
using DurableTask.Core;

namespace DocPipeline.Tests.DurableTask.Conformance;

/// <summary>
/// The provider conformance suite, written once and run against every backend: a real worker and client on the
/// real engine, orchestrations written with the Durable Task SDK.
/// </summary>
public abstract partial class ProviderConformanceTests<TFixture>(TFixture fixture)
    where TFixture : ProviderFixture
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    protected TFixture Fixture { get; } = fixture;

    protected TaskHubClient Client => Fixture.Client;

    protected static string NewId(string label) => $"{label}-{Guid.NewGuid():N}";

    protected static CancellationTokenSource TimeoutToken() => new(Timeout);

    protected Task<OrchestrationInstance> StartAsync(string name, object? input, string? instanceId = null) =>
        Client.CreateOrchestrationInstanceAsync(name, string.Empty, instanceId ?? NewId(name), input);

    protected async Task<OrchestrationState> CompleteAsync(OrchestrationInstance instance, CancellationToken cancellationToken)
    {
        var state = await Client.WaitForOrchestrationAsync(instance, Timeout, cancellationToken);
        Assert.NotNull(state);
        return state;
    }

    /// <summary>Waits until the instance's state satisfies <paramref name="condition"/>.</summary>
    protected async Task<OrchestrationState> WaitForStateAsync(string instanceId, Func<OrchestrationState, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var state = await Client.GetOrchestrationStateAsync(instanceId);
            if (state is not null && condition(state))
            {
                return state;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    protected static T? Output<T>(OrchestrationState state) => JsonSerializer.Deserialize<T>(state.Output);

    /// <summary>The event types of a history listing; backends write them as names or as numbers.</summary>
    protected static List<string> EventTypes(string historyJson)
    {
        using var history = JsonDocument.Parse(historyJson);
        return history.RootElement.EnumerateArray()
            .Select(e => e.GetProperty("EventType"))
            .Select(t => t.ValueKind == JsonValueKind.Number ? ((global::DurableTask.Core.History.EventType)t.GetInt32()).ToString() : t.GetString()!)
            .ToList();
    }

    [Fact]
    public async Task Sequence_FiveActivities_CompletesWithEachActivityOnce()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Sequence), 5);

        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(5, Output<int>(state));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal(1, ConformanceTasks.Count($"{instance.InstanceId}/{i}")));
    }

    [Fact]
    public async Task FanOut_TwentyActivities_SumsAllResults()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.FanOut), 20);

        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(Enumerable.Range(1, 20).Sum(), Output<int>(state));
    }

    [Fact]
    public async Task Retry_ActivityFailsTwice_SucceedsOnThirdAttempt()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Retry), 2);

        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(3, Output<int>(state));
    }

    [Fact]
    public async Task Timer_Scheduled_FiresAndCompletes()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Timer), 500);

        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("fired", Output<string>(state));
        var history = await Client.GetOrchestrationHistoryAsync(instance);
        Assert.Contains("TimerFired", EventTypes(history));
    }

    [Fact]
    public async Task ExternalEvent_Raised_CompletesWithEventValue()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Approval), "doc-1");
        await WaitForStateAsync(instance.InstanceId, s => s.OrchestrationStatus == OrchestrationStatus.Running, cts.Token);

        await Client.RaiseEventAsync(instance, "approve", "yes");
        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("yes", Output<string>(state));
    }

    [Fact]
    public async Task CustomStatus_SetWhileWaiting_IsVisibleInState()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Approval), "doc-2");

        var waiting = await WaitForStateAsync(instance.InstanceId, s => s.Status is not null, cts.Token);
        using (var status = JsonDocument.Parse(waiting.Status))
        {
            Assert.Equal("waiting", status.RootElement.GetProperty("stage").GetString());
        }

        await Client.RaiseEventAsync(instance, "approve", "ok");
        var done = await CompleteAsync(instance, cts.Token);
        using var final = JsonDocument.Parse(done.Status);
        Assert.Equal("approved", final.RootElement.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task SubOrchestration_ChildCompletes_ParentGetsChildResult()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Parent), 3);

        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(6, Output<int>(state));
        var child = await Client.GetOrchestrationStateAsync(instance.InstanceId + ":child");
        Assert.Equal(OrchestrationStatus.Completed, child!.OrchestrationStatus);
    }

    [Fact]
    public async Task ContinueAsNew_ThreeGenerations_CompletesWithFinalValue()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Counter), 0);

        var state = await WaitForStateAsync(instance.InstanceId, s => s.OrchestrationStatus == OrchestrationStatus.Completed, cts.Token);

        Assert.Equal(3, Output<int>(state));
        Assert.All(Enumerable.Range(0, 3), g => Assert.Equal(1, ConformanceTasks.Count($"{instance.InstanceId}/gen{g}")));
    }

    [Fact]
    public async Task Terminate_WaitingInstance_IsTerminatedWithReason()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Approval), "doc-3");
        await WaitForStateAsync(instance.InstanceId, s => s.OrchestrationStatus == OrchestrationStatus.Running, cts.Token);

        await Client.TerminateInstanceAsync(instance, "no longer needed");
        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Terminated, state.OrchestrationStatus);
        Assert.Contains("no longer needed", state.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendResume_EventWhileSuspended_CompletesOnlyAfterResume()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Approval), "doc-4");
        await WaitForStateAsync(instance.InstanceId, s => s.OrchestrationStatus == OrchestrationStatus.Running, cts.Token);

        await Client.SuspendInstanceAsync(instance, "pause");
        await WaitForStateAsync(instance.InstanceId, s => s.OrchestrationStatus == OrchestrationStatus.Suspended, cts.Token);
        await Client.RaiseEventAsync(instance, "approve", "later");

        // The event is buffered while suspended: the instance reports Suspended until it is resumed.
        var suspended = await WaitForStateAsync(instance.InstanceId, s => s.OrchestrationStatus != OrchestrationStatus.Running, cts.Token);
        Assert.Equal(OrchestrationStatus.Suspended, suspended.OrchestrationStatus);
        await Client.ResumeInstanceAsync(instance, "go");
        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("later", Output<string>(state));
    }

    [Fact]
    public async Task LargePayload_OneMegabyte_RoundTripsThroughActivity()
    {
        using var cts = TimeoutToken();
        var text = string.Create(1024 * 1024, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });
        var instance = await StartAsync(nameof(ConformanceTasks.Large), new ConformanceTasks.Payload(text));

        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(text, JsonSerializer.Deserialize<ConformanceTasks.Payload>(state.Output, JsonSerializerOptions.Web)!.Text);
    }

    [Fact]
    public async Task Failure_UnhandledActivityException_FailsWithDetails()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.FailMiddle), 5);

        var state = await CompleteAsync(instance, cts.Token);

        Assert.Equal(OrchestrationStatus.Failed, state.OrchestrationStatus);
        Assert.Contains("boom on attempt 1", state.FailureDetails?.ErrorMessage ?? state.Output, StringComparison.Ordinal);
        if (Fixture.StoresFailureDetails)
        {
            Assert.Equal("Microsoft.DurableTask.TaskFailedException", state.FailureDetails?.ErrorType);
        }

        Assert.Equal(0, ConformanceTasks.Count(instance.InstanceId + "/last"));
    }
}
