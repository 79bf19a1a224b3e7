using DocPipeline.DurableTask;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Tests.DurableTask;

/// <summary>
/// The SDK client and the hosted worker on a real backend, run once per backend by a subclass: everything an
/// application does through <see cref="DurableTaskClient"/>.
/// </summary>
public abstract class DurableTaskClientContract
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A backend on a store no other test uses.</summary>
    protected abstract DurableTaskBackend CreateBackend(IServiceProvider services);

    protected Task<EngineTestHost> StartHostAsync(bool runWorker = true, CancellationToken cancellationToken = default) =>
        EngineTestHost.StartAsync(CreateBackend, runWorker, cancellationToken: cancellationToken);

    [Fact]
    public async Task ScheduleNewOrchestrationInstance_Sequence_CompletesWithOutputAndEachStepOnce()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 5, new StartOrchestrationOptions("seq-1"), timeout.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal("seq-1", id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(10, done.ReadOutputAs<int>());
        Assert.Equal(5, done.ReadInputAs<int>());
        Assert.Equal("Sequence", done.Name);
        Assert.Equal([0, 1, 2, 3, 4], host.Log.StepsOf(id));
        Assert.True(done.LastUpdatedAt >= done.CreatedAt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstance_FanOut_SumsEveryBranch()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("FanOut", 20, timeout.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(190, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstance_IdOfActiveInstance_ThrowsAlreadyExists()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", "a", new StartOrchestrationOptions("dup-1"), timeout.Token);
        await host.Client.WaitForInstanceStartAsync("dup-1", cancellation: timeout.Token);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", "b", new StartOrchestrationOptions("dup-1"), timeout.Token));

        await host.Client.RaiseEventAsync("dup-1", "go", "!", timeout.Token);
        var first = await host.Client.WaitForInstanceCompletionAsync("dup-1", getInputsAndOutputs: true, timeout.Token);
        Assert.Equal("a!", first.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstance_IdOfFinishedInstance_StartsItAgain()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 1, new StartOrchestrationOptions("again-1"), timeout.Token);
        await host.Client.WaitForInstanceCompletionAsync("again-1", cancellation: timeout.Token);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 3, new StartOrchestrationOptions("again-1"), timeout.Token);
        var second = await host.Client.WaitForInstanceCompletionAsync("again-1", getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(3, second.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstance_DedupeOnCompleted_ThrowsAlreadyExists()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 1, new StartOrchestrationOptions("dedupe-1"), timeout.Token);
        await host.Client.WaitForInstanceCompletionAsync("dedupe-1", cancellation: timeout.Token);

        var options = new StartOrchestrationOptions("dedupe-1") { DedupeStatuses = ["Completed", "Running", "Pending"] };
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 2, options, timeout.Token));
    }

    [Fact]
    public async Task RaiseEvent_WaitingInstance_CompletesWithPayload()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", "x", new StartOrchestrationOptions("event-1"), timeout.Token);
        var started = await host.Client.WaitForInstanceStartAsync("event-1", cancellation: timeout.Token);
        Assert.NotEqual(OrchestrationRuntimeStatus.Pending, started.RuntimeStatus);

        await host.Client.RaiseEventAsync("event-1", "go", "y", timeout.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync("event-1", getInputsAndOutputs: true, timeout.Token);

        Assert.Equal("xy", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstance_WaitingInstance_IsTerminatedWithOutput()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", "x", new StartOrchestrationOptions("term-1"), timeout.Token);
        await host.Client.WaitForInstanceStartAsync("term-1", cancellation: timeout.Token);

        await host.Client.TerminateInstanceAsync("term-1", "enough", timeout.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync("term-1", getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("enough", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendAndResume_WaitingInstance_HoldsEventsUntilResumed()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", "s", new StartOrchestrationOptions("suspend-1"), timeout.Token);
        await host.Client.WaitForInstanceStartAsync("suspend-1", cancellation: timeout.Token);

        await host.Client.SuspendInstanceAsync("suspend-1", "pause", timeout.Token);
        await WaitForStatusAsync(host.Client, "suspend-1", OrchestrationRuntimeStatus.Suspended, timeout.Token);
        await host.Client.RaiseEventAsync("suspend-1", "go", "!", timeout.Token);
        await host.Client.ResumeInstanceAsync("suspend-1", "go on", timeout.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync("suspend-1", getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("s!", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task FailedActivity_InstanceFails_WithFailureDetails()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsFlaky", "doc", new StartOrchestrationOptions("fail-1"), timeout.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync("fail-1", getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Contains("flaky failure: doc", done.FailureDetails!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RewindInstance_FailedInstance_RunsFailedStepAgainAndCompletes()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsFlaky", "doc", new StartOrchestrationOptions("rewind-1"), timeout.Token);
        await WaitForStatusAsync(host.Client, "rewind-1", OrchestrationRuntimeStatus.Failed, timeout.Token);

        host.FailSwitch.Fail = false;
        await host.Client.RewindInstanceAsync("rewind-1", "fixed", timeout.Token);
        var done = await WaitForStatusAsync(host.Client, "rewind-1", OrchestrationRuntimeStatus.Completed, timeout.Token);

        Assert.Equal("ok:doc1", done.ReadOutputAs<string>());
        Assert.Equal([1], host.Log.StepsOf("rewind-1"));
    }

    [Fact]
    public async Task Restart_CompletedInstance_RunsAgainWithSameInput()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 2, new StartOrchestrationOptions("restart-1"), timeout.Token);
        await host.Client.WaitForInstanceCompletionAsync("restart-1", cancellation: timeout.Token);

        var sameId = await host.Client.RestartAsync("restart-1", restartWithNewInstanceId: false, timeout.Token);
        await WaitForStepsAsync(host, "restart-1", 4, timeout.Token);
        var newId = await host.Client.RestartAsync("restart-1", restartWithNewInstanceId: true, timeout.Token);
        var restarted = await host.Client.WaitForInstanceCompletionAsync(newId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal("restart-1", sameId);
        Assert.NotEqual("restart-1", newId);
        Assert.Equal(2, restarted.ReadInputAs<int>());
        Assert.Equal(1, restarted.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Restart_UnknownInstance_ThrowsArgumentException()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);

        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.RestartAsync("nobody", false, timeout.Token));
    }

    [Fact]
    public async Task GetOrchestrationHistory_CompletedSequence_ListsScheduledAndCompletedTasks()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 2, new StartOrchestrationOptions("history-1"), timeout.Token);
        await host.Client.WaitForInstanceCompletionAsync("history-1", cancellation: timeout.Token);

        var history = await host.Client.GetOrchestrationHistoryAsync("history-1", timeout.Token);

        Assert.IsType<ExecutionStartedEvent>(history.First(e => e.EventType != EventType.OrchestratorStarted));
        Assert.Equal(2, history.OfType<TaskScheduledEvent>().Count(e => e.Name == "Add"));
        Assert.Equal(["0", "1"], history.OfType<TaskCompletedEvent>().Select(e => e.Result));
        Assert.Contains(history, e => e is ExecutionCompletedEvent { Result: "1" });
        Assert.Empty(await host.Client.GetOrchestrationHistoryAsync("nobody", timeout.Token));
    }

    [Fact]
    public async Task GetAllInstances_PrefixAndPageSize_PagesWithContinuation()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        foreach (var i in Enumerable.Range(0, 5))
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 1, new StartOrchestrationOptions($"page-{i}"), timeout.Token);
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 1, new StartOrchestrationOptions("other-1"), timeout.Token);
        foreach (var i in Enumerable.Range(0, 5))
        {
            await host.Client.WaitForInstanceCompletionAsync($"page-{i}", cancellation: timeout.Token);
        }

        var ids = new List<string>();
        var pages = 0;
        await foreach (var page in host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "page-", PageSize = 2, FetchInputsAndOutputs = true }).AsPages())
        {
            pages++;
            ids.AddRange(page.Values.Select(v => v.InstanceId));
            Assert.All(page.Values, v => Assert.Equal(1, v.ReadInputAs<int>()));
        }

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"page-{i}"), ids.Order());
        Assert.True(pages >= 3, $"expected at least 3 pages of 2, got {pages}");

        var completed = new List<string>();
        await foreach (var instance in host.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], InstanceIdPrefix = "page-" }))
        {
            completed.Add(instance.InstanceId);
        }

        Assert.Equal(5, completed.Count);
    }

    [Fact]
    public async Task PurgeInstance_FinishedOrActiveOrUnknown_PurgesOnlyFinished()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 1, new StartOrchestrationOptions("purge-1"), timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", "w", new StartOrchestrationOptions("purge-active"), timeout.Token);
        await host.Client.WaitForInstanceCompletionAsync("purge-1", cancellation: timeout.Token);

        var purged = await host.Client.PurgeInstanceAsync("purge-1", cancellation: timeout.Token);
        var unknown = await host.Client.PurgeInstanceAsync("purge-unknown", cancellation: timeout.Token);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Equal(0, unknown.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync("purge-1", cancellation: timeout.Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.PurgeInstanceAsync("purge-active", cancellation: timeout.Token));
    }

    [Fact]
    public async Task PurgeAllInstances_StatusFilter_PurgesOnlyMatching()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 1, new StartOrchestrationOptions("all-1"), timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 1, new StartOrchestrationOptions("all-2"), timeout.Token);
        await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", "w", new StartOrchestrationOptions("all-waiting"), timeout.Token);
        await host.Client.WaitForInstanceCompletionAsync("all-1", cancellation: timeout.Token);
        await host.Client.WaitForInstanceCompletionAsync("all-2", cancellation: timeout.Token);
        await host.Client.WaitForInstanceStartAsync("all-waiting", cancellation: timeout.Token);

        var result = await host.Client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(from, DateTimeOffset.UtcNow.AddMinutes(1), [OrchestrationRuntimeStatus.Completed]), cancellation: timeout.Token);

        Assert.Equal(2, result.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync("all-1", cancellation: timeout.Token));
        Assert.NotNull(await host.Client.GetInstanceAsync("all-waiting", cancellation: timeout.Token));
    }

    [Fact]
    public async Task GetInstance_Unknown_ReturnsNull()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);

        Assert.Null(await host.Client.GetInstanceAsync("never-started", cancellation: timeout.Token));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.WaitForInstanceCompletionAsync("never-started", cancellation: timeout.Token));
    }

    [Fact]
    public async Task Activities_EachExecution_GetsItsOwnScope()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var host = await StartHostAsync(cancellationToken: timeout.Token);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoScopes", 0, timeout.Token);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        var scopes = done.ReadOutputAs<string[]>()!;
        Assert.Equal(2, scopes.Length);
        Assert.NotEqual(scopes[0], scopes[1]);
    }

    [Fact]
    public async Task ClientOnlyHost_SchedulesOnSharedHub_WorkerHostRunsIt()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        await using var worker = await StartHostAsync(cancellationToken: timeout.Token);
        await using var clientOnly = await StartHostAsync(runWorker: false, cancellationToken: timeout.Token);

        var id = await clientOnly.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 3, timeout.Token);
        var done = await clientOnly.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal([0, 1, 2], worker.Log.StepsOf(id));
        Assert.Empty(clientOnly.Log.StepsOf(id));
    }

    private static async Task<OrchestrationMetadata> WaitForStatusAsync(DurableTaskClient client, string instanceId, OrchestrationRuntimeStatus status, CancellationToken cancellationToken)
    {
        while (true)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
            if (instance?.RuntimeStatus == status)
            {
                return instance;
            }

            // Another process's commit cannot be awaited from here; the client's own waits cover only completion.
            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task WaitForStepsAsync(EngineTestHost host, string instanceId, int count, CancellationToken cancellationToken)
    {
        while (host.Log.StepsOf(instanceId).Count < count)
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
