using System.Collections.Concurrent;
using DocPipeline.Durable;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;
using Microsoft.Extensions.Time.Testing;

namespace DocPipeline.Tests.Durable.Conformance;

/// <summary>
/// The behaviour every store must show, written once and run against each store (SQLite, Azure Storage): the runtime
/// over the store end to end, and the store contract the runtime relies on.
/// </summary>
public abstract class StoreConformanceTests
{
    /// <summary>Creates a store. Within one test every call opens the same (initially empty) data.</summary>
    protected abstract IOrchestrationStore CreateStore(TimeProvider? time = null);

    private Task<DurableTestHost> StartAsync(Action<DurableTaskRegistry> register, Action<DurableTaskOptions>? configure = null, TimeProvider? time = null) =>
        DurableTestHost.StartAsync(CreateStore(time), register, configure, time);

    [Fact]
    public async Task HelloSequence_ThreeActivities_ReturnsOutputsInOrder()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("SayHello", (name, _) => Task.FromResult($"Hello {name}!"))
            .AddOrchestratorFunc<object?, List<string>>("HelloSequence", async (ctx, _) =>
            [
                await ctx.CallActivityAsync<string>("SayHello", "Tokyo"),
                await ctx.CallActivityAsync<string>("SayHello", "Seattle"),
                await ctx.CallActivityAsync<string>("SayHello", "London"),
            ]));

        var result = await host.RunAsync("HelloSequence");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], result.ReadOutputAs<List<string>>());
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(3, history.Count(e => e.EventType == HistoryEventType.TaskCompleted));
        Assert.Equal(HistoryEventType.ExecutionCompleted, history[^1].EventType);
    }

    [Fact]
    public async Task FanOutFanIn_HundredActivities_SumsAllResults()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Square", (x, _) => Task.FromResult(x * x))
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
            {
                var tasks = Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                return (await Task.WhenAll(tasks)).Sum();
            }));

        var result = await host.RunAsync("FanOut", 100);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 100).Sum(i => i * i), result.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ActivityFailure_Unhandled_FailsInstanceWithDetails()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Boom", (_, _) => throw new InvalidDataException("bad data in row 7"))
            .AddOrchestratorFunc<object?, string>("Fails", (ctx, _) => ctx.CallActivityAsync<string>("Boom", "x")));

        var result = await host.RunAsync("Fails");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.NotNull(result.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails.ErrorType);
        Assert.True(result.FailureDetails.IsCausedBy<InvalidDataException>());
        Assert.Contains("bad data in row 7", result.FailureDetails.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public async Task RetryPolicy_TransientFailures_RetriesUntilSuccessAndRecordsEveryAttempt()
    {
        var attempts = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Flaky", (_, _) => Interlocked.Increment(ref attempts) < 3 ? throw new TimeoutException("try again") : Task.FromResult("ok"))
            .AddOrchestratorFunc<object?, string>("Retrying", (ctx, _) =>
                ctx.CallActivityAsync<string>("Flaky", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(50))))));

        var result = await host.RunAsync("Retrying");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("ok", result.ReadOutputAs<string>());
        Assert.Equal(3, attempts);
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(3, history.Count(e => e.EventType == HistoryEventType.TaskScheduled));
        Assert.Equal(2, history.Count(e => e.EventType == HistoryEventType.TimerFired));
    }

    [Fact]
    public async Task RetryPolicy_NonRetriableFailure_IsNotRetried()
    {
        var attempts = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Permanent", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                throw new PermanentTestException();
            })
            .AddOrchestratorFunc<object?, string>("NoRetry", (ctx, _) =>
                ctx.CallActivityAsync<string>("Permanent", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMilliseconds(10))))));

        var result = await host.RunAsync("NoRetry");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Timer_ShortDelay_FiresAndOrchestrationCompletes()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<object?, DateTime>("Sleeper", async (ctx, _) =>
            {
                var start = ctx.CurrentUtcDateTime;
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(300), CancellationToken.None);
                return start;
            }));

        var result = await host.RunAsync("Sleeper");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        var created = history.Single(e => e.EventType == HistoryEventType.TimerCreated);
        var fired = history.Single(e => e.EventType == HistoryEventType.TimerFired);
        Assert.Equal(created.FireAt, fired.FireAt);
        Assert.True(result.CompletedAt >= created.FireAt!.Value.AddMilliseconds(-1), "the timer must not fire early");
    }

    [Fact]
    public async Task ExternalEvents_RaisedBeforeAndAfterWaiting_AreBothDelivered()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Approval", async (ctx, _) =>
            {
                ctx.SetCustomStatus(new { stage = "waiting" });
                var first = await ctx.WaitForExternalEvent<string>("First");
                var second = await ctx.WaitForExternalEvent<string>("Second");
                return first + "+" + second;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval");
        await host.Client.RaiseEventAsync(id, "Second", "b");
        await host.WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id))?.SerializedCustomStatus is not null);
        await host.Client.RaiseEventAsync(id, "first", "a");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, cts.Token);

        Assert.Equal("a+b", result.ReadOutputAs<string>());
        Assert.Equal("waiting", result.ReadCustomStatusAs<System.Text.Json.JsonElement>().GetProperty("stage").GetString());
    }

    [Fact]
    public async Task WaitForExternalEvent_Timeout_ThrowsTimeoutInOrchestrator()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Impatient", async (ctx, _) =>
            {
                try
                {
                    return await ctx.WaitForExternalEvent<string>("Never", TimeSpan.FromMilliseconds(200));
                }
                catch (TimeoutException)
                {
                    return "timed out";
                }
            }));

        var result = await host.RunAsync("Impatient");

        Assert.Equal("timed out", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_WaitingInstance_EndsTerminatedWithReason()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Forever", (ctx, _) => ctx.WaitForExternalEvent<string>("Go")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forever");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Client.WaitForInstanceStartAsync(id, false, cts.Token);
        await host.Client.TerminateInstanceAsync(id, "operator stopped it");
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("operator stopped it", result.ReadOutputAs<string>());
        await Assert.ThrowsAsync<InstanceStateException>(() => host.Client.RaiseEventAsync(id, "Go", "late"));
    }

    [Fact]
    public async Task SuspendResume_EventsWaitUntilResumed()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Pausable", (ctx, _) => ctx.WaitForExternalEvent<string>("Go")));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pausable");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.Client.WaitForInstanceStartAsync(id, false, cts.Token);
        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await host.WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "Go", "now");

        // The worker must leave the event alone while suspended: the instance stays suspended and the event queued.
        var items = await host.Store.LockOrchestrationsAsync("probe", 10, 10, TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(items, i => i.InstanceId == id);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "done");
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, cts.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("now", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_Counter_RestartsWithFreshHistory()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Inc", (x, _) => Task.FromResult(x + 1))
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                var next = await ctx.CallActivityAsync<int>("Inc", n);
                if (next < 5)
                {
                    ctx.ContinueAsNew(next);
                }

                return next;
            }));

        var result = await host.RunAsync("Counter", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5, result.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Single(history, e => e.EventType == HistoryEventType.TaskScheduled);
    }

    [Fact]
    public async Task SubOrchestration_ResultAndFailure_PropagateToParent()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Double", (x, _) => x < 0 ? throw new ArgumentOutOfRangeException(nameof(x)) : Task.FromResult(x * 2))
            .AddOrchestratorFunc<int, int>("Child", (ctx, x) => ctx.CallActivityAsync<int>("Double", x))
            .AddOrchestratorFunc<object?, string>("Parent", async (ctx, _) =>
            {
                var ok = await ctx.CallSubOrchestratorAsync<int>("Child", 21);
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Child", -1);
                    return "unexpected";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ok}:{ex.FailureDetails.IsCausedBy<ArgumentOutOfRangeException>()}";
                }
            }));

        var result = await host.RunAsync("Parent", instanceId: "parent-1");

        Assert.Equal("42:True", result.ReadOutputAs<string>());
        var child = await host.Client.GetInstanceAsync("parent-1:0000");
        Assert.NotNull(child);
        Assert.Equal("parent-1", child.ParentInstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
    }

    [Fact]
    public async Task Rewind_FailedInstance_RerunsOnlyTheFailedStep()
    {
        var runs = new ConcurrentDictionary<string, int>();
        var fail = true;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Step", (name, _) =>
            {
                runs.AddOrUpdate(name, 1, (_, n) => n + 1);
                return name == "b" && Volatile.Read(ref fail) ? throw new IOException("disk full") : Task.FromResult(name);
            })
            .AddOrchestratorFunc<object?, string>("ThreeSteps", async (ctx, _) =>
                await ctx.CallActivityAsync<string>("Step", "a") + await ctx.CallActivityAsync<string>("Step", "b") + await ctx.CallActivityAsync<string>("Step", "c")));

        var failed = await host.RunAsync("ThreeSteps");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);

        Volatile.Write(ref fail, false);
        await host.Client.RewindInstanceAsync(failed.InstanceId, "disk replaced");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await host.Client.WaitForInstanceCompletionAsync(failed.InstanceId, true, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("abc", result.ReadOutputAs<string>());
        Assert.Equal(1, runs["a"]);
        Assert.Equal(2, runs["b"]);
        Assert.Equal(1, runs["c"]);
    }

    [Fact]
    public async Task Start_ExistingIds_RejectsActiveAndReplacesFinished()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Echo", (ctx, s) => Task.FromResult(s))
            .AddOrchestratorFunc<object?, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("Go")));

        var first = await host.RunAsync("Echo", "one", "same-id");
        Assert.Equal("one", first.ReadOutputAs<string>());
        var second = await host.RunAsync("Echo", "two", "same-id");
        Assert.Equal("two", second.ReadOutputAs<string>());
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions("busy-id"));
        var error = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", null, new StartOrchestrationOptions("busy-id")));
        Assert.Contains("busy-id", error.Message);
    }

    [Fact]
    public async Task Query_FiltersAndContinuationTokens_PageThroughEveryInstance()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Id", (ctx, x) => Task.FromResult(x)));
        for (var i = 0; i < 7; i++)
        {
            await host.RunAsync("Id", i, $"q-{i:D2}");
        }

        await host.RunAsync("Id", 99, "other-1");

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await host.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = "q-", PageSize = 3, ContinuationToken = token, FetchInputsAndOutputs = true });
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            Assert.All(page.Instances, i => Assert.NotNull(i.SerializedOutput));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"q-{i:D2}"), seen);
        Assert.Equal(3, pages);
        var completed = await host.Client.QueryInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Completed] });
        Assert.Equal(8, completed.Instances.Count);
        var running = await host.Client.QueryInstancesAsync(new InstanceQuery { Statuses = [OrchestrationRuntimeStatus.Running] });
        Assert.Empty(running.Instances);
        var future = await host.Client.QueryInstancesAsync(new InstanceQuery { CreatedFrom = DateTime.UtcNow.AddHours(1) });
        Assert.Empty(future.Instances);
    }

    [Fact]
    public async Task Purge_OneAndMany_DeletesInstancesAndHistory()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Id", (ctx, x) => Task.FromResult(x)));
        await host.RunAsync("Id", 1, "p-1");
        await host.RunAsync("Id", 2, "p-2");
        await host.RunAsync("Id", 3, "p-3");

        Assert.True(await host.Client.PurgeInstanceAsync("p-1"));
        Assert.False(await host.Client.PurgeInstanceAsync("p-1"));
        Assert.Null(await host.Client.GetInstanceAsync("p-1"));
        Assert.Empty(await host.Client.GetHistoryAsync("p-1"));

        var deleted = await host.Client.PurgeAllInstancesAsync(new PurgeFilter(DateTime.UtcNow.AddHours(-1)));
        Assert.Equal(2, deleted);
        Assert.Empty((await host.Client.QueryInstancesAsync(new InstanceQuery())).Instances);
    }

    [Fact]
    public async Task DuplicateActivityResult_IsAppliedOnce()
    {
        var gate = new TaskCompletionSource();
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("One", (x, _) => Task.FromResult(x))
            .AddOrchestratorFunc<object?, int>("Dup", async (ctx, _) =>
            {
                var a = await ctx.CallActivityAsync<int>("One", 1);
                var b = await ctx.WaitForExternalEvent<int>("More");
                return a + b;
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Dup");
        await host.WaitUntilAsync(async () => (await host.Client.GetHistoryAsync(id)).Any(e => e.EventType == HistoryEventType.TaskCompleted));

        // Deliver the same activity result again, as an at-least-once transport would.
        var completed = (await host.Client.GetHistoryAsync(id)).First(e => e.EventType == HistoryEventType.TaskCompleted);
        var instance = await host.Client.GetInstanceAsync(id);
        await host.Store.SendMessagesAsync([new OrchestrationMessage(id, instance!.ExecutionId, completed)]);
        await host.Client.RaiseEventAsync(id, "More", 10);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await host.Client.WaitForInstanceCompletionAsync(id, true, cts.Token);

        Assert.Equal(11, result.ReadOutputAs<int>());
        Assert.Single(await host.Client.GetHistoryAsync(id), e => e.EventType == HistoryEventType.TaskCompleted);
    }

    [Fact]
    public async Task UnknownOrchestrator_FailsWithClearReason()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Known", (ctx, x) => Task.FromResult(x)));

        var result = await host.RunAsync("NoSuchOrchestrator");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("No orchestrator named 'NoSuchOrchestrator'", result.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task ChangedOrchestratorCode_FailsWithNondeterminismNamingBothCalls()
    {
        var store = CreateStore();
        await using (var v1 = await DurableTestHost.StartAsync(store, r => r
            .AddActivityFunc<string, string>("A", (x, _) => Task.FromResult(x))
            .AddActivityFunc<string, string>("B", (x, _) => Task.FromResult(x))
            .AddOrchestratorFunc<object?, string>("Versioned", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("A", "1");
                return await ctx.WaitForExternalEvent<string>("Go");
            })))
        {
            await v1.Client.ScheduleNewOrchestrationInstanceAsync("Versioned", null, new StartOrchestrationOptions("versioned-1"));
            await v1.WaitUntilAsync(async () => (await v1.Client.GetHistoryAsync("versioned-1")).Any(e => e.EventType == HistoryEventType.TaskCompleted));
            await v1.Worker!.StopAsync(CancellationToken.None);
        }

        // The first host disposed its store; a new store over the same data plays the redeployed worker.
        await using var v2 = await DurableTestHost.StartAsync(CreateStore(), r => r
            .AddActivityFunc<string, string>("A", (x, _) => Task.FromResult(x))
            .AddActivityFunc<string, string>("B", (x, _) => Task.FromResult(x))
            .AddOrchestratorFunc<object?, string>("Versioned", async (ctx, _) =>
            {
                await ctx.CallActivityAsync<string>("B", "1");
                return await ctx.WaitForExternalEvent<string>("Go");
            }));
        await v2.Client.RaiseEventAsync("versioned-1", "Go", "x");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await v2.Client.WaitForInstanceCompletionAsync("versioned-1", false, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Contains("CallActivityAsync(\"A\")", result.FailureDetails.ErrorMessage);
        Assert.Contains("CallActivityAsync(\"B\")", result.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task LongSequence_CachedInstance_IsNotReplayedAtEveryStep()
    {
        var starts = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Next", (x, _) => Task.FromResult(x + 1))
            .AddOrchestratorFunc<int, int>("Long", async (ctx, n) =>
            {
                if (!ctx.IsReplaying)
                {
                    Interlocked.Increment(ref starts);
                }

                var x = 0;
                for (var i = 0; i < n; i++)
                {
                    x = await ctx.CallActivityAsync<int>("Next", x);
                }

                return x;
            }));

        var result = await host.RunAsync("Long", 300, timeout: TimeSpan.FromSeconds(60));

        Assert.Equal(300, result.ReadOutputAs<int>());
        // The orchestrator function is entered once; every later step resumes the cached coroutine.
        Assert.Equal(1, starts);
    }

    [Fact]
    public async Task Leases_LockedInstance_IsInvisibleUntilItsLeaseExpires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = CreateStore(time);
        await using var _ = store;
        await store.InitializeAsync();
        var client = new DurableTaskClient(store, time);
        await client.ScheduleNewOrchestrationInstanceAsync("Anything", null, new StartOrchestrationOptions("leased"));

        var first = await store.LockOrchestrationsAsync("worker-a", 10, 10, TimeSpan.FromSeconds(30));
        Assert.Single(first);
        Assert.Empty(await store.LockOrchestrationsAsync("worker-b", 10, 10, TimeSpan.FromSeconds(30)));

        time.Advance(TimeSpan.FromSeconds(31));
        var second = await store.LockOrchestrationsAsync("worker-b", 10, 10, TimeSpan.FromSeconds(30));
        Assert.Single(second);
        Assert.Equal(2, second[0].Messages[0].DequeueCount);

        // worker-a lost its lock: its commit must be refused.
        var stale = await store.CommitOrchestrationsAsync("worker-a", [new OrchestrationCommit
        {
            WorkItem = first[0],
            ExecutionId = first[0].Instance.ExecutionId,
            Status = OrchestrationRuntimeStatus.Running,
            ConsumedMessageIds = [first[0].Messages[0].Id],
        }]);
        Assert.Null(stale[0]);
        var fresh = await store.CommitOrchestrationsAsync("worker-b", [new OrchestrationCommit
        {
            WorkItem = second[0],
            ExecutionId = second[0].Instance.ExecutionId,
            Status = OrchestrationRuntimeStatus.Running,
            ConsumedMessageIds = [second[0].Messages[0].Id],
        }]);
        Assert.NotNull(fresh[0]);
    }

    [Fact]
    public async Task Leases_ActivityWorkItem_ReturnsAfterLeaseAndRenewalKeepsIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = CreateStore(time);
        await using var _ = store;
        await store.InitializeAsync();
        var client = new DurableTaskClient(store, time);
        await client.ScheduleNewOrchestrationInstanceAsync("O", null, new StartOrchestrationOptions("act"));
        var item = (await store.LockOrchestrationsAsync("w", 1, 10, TimeSpan.FromSeconds(30)))[0];
        await store.CommitOrchestrationsAsync("w", [new OrchestrationCommit
        {
            WorkItem = item,
            ExecutionId = item.Instance.ExecutionId,
            Status = OrchestrationRuntimeStatus.Running,
            ConsumedMessageIds = [item.Messages[0].Id],
            Activities = [new ActivityRequest("act", item.Instance.ExecutionId, 0, "Work", "1")],
        }]);

        var taken = await store.LockActivitiesAsync("w1", 10, TimeSpan.FromSeconds(10));
        Assert.Single(taken);
        Assert.Empty(await store.LockActivitiesAsync("w2", 10, TimeSpan.FromSeconds(10)));
        time.Advance(TimeSpan.FromSeconds(8));
        await store.RenewActivityLocksAsync("w1", [taken[0].Id], TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(8));
        Assert.Empty(await store.LockActivitiesAsync("w2", 10, TimeSpan.FromSeconds(10)));
        time.Advance(TimeSpan.FromSeconds(3));
        var retaken = await store.LockActivitiesAsync("w2", 10, TimeSpan.FromSeconds(10));
        Assert.Single(retaken);
        Assert.Equal(2, retaken[0].DequeueCount);
    }

    [Fact]
    public async Task PoisonActivity_HandedOutTooOften_FailsInstanceWithReasonAndIsKept()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = CreateStore(time);
        await store.InitializeAsync();
        var client = new DurableTaskClient(store, time);
        await client.ScheduleNewOrchestrationInstanceAsync("PoisonHost", null, new StartOrchestrationOptions("poison-1"));

        // The instance's first step, committed as a worker would: it schedules activity #0.
        var item = (await store.LockOrchestrationsAsync("w", 1, 10, TimeSpan.FromSeconds(30)))[0];
        var started = item.Messages[0].Message.Event;
        await store.CommitOrchestrationsAsync("w", [new OrchestrationCommit
        {
            WorkItem = item,
            ExecutionId = item.Instance.ExecutionId,
            Status = OrchestrationRuntimeStatus.Running,
            NewHistory =
            [
                new HistoryEvent { EventType = HistoryEventType.OrchestratorStarted, Timestamp = time.GetUtcNow().UtcDateTime },
                started,
                new HistoryEvent { EventType = HistoryEventType.TaskScheduled, EventId = 0, Name = "Crashy", Input = "\"payload\"", Timestamp = time.GetUtcNow().UtcDateTime },
            ],
            ConsumedMessageIds = [item.Messages[0].Id],
            Activities = [new ActivityRequest("poison-1", item.Instance.ExecutionId, 0, "Crashy", "\"payload\"")],
        }]);

        // Three workers take the activity and die without finishing it.
        for (var i = 0; i < 3; i++)
        {
            Assert.Single(await store.LockActivitiesAsync($"doomed-{i}", 1, TimeSpan.FromSeconds(10)));
            time.Advance(TimeSpan.FromSeconds(11));
        }

        var ran = 0;
        await using var host = await DurableTestHost.StartAsync(
            store,
            r => r
                .AddActivityFunc<string, string>("Crashy", (_, _) =>
                {
                    Interlocked.Increment(ref ran);
                    return Task.FromResult("survived");
                })
                .AddOrchestratorFunc<object?, string>("PoisonHost", (ctx, _) => ctx.CallActivityAsync<string>("Crashy", "payload")),
            o => o.MaxDequeueCount = 3,
            time);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await host.Client.WaitForInstanceCompletionAsync("poison-1", false, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("handed to a worker 4 times", result.FailureDetails!.InnerFailure!.ErrorMessage);
        Assert.Equal(0, ran);
        var kept = Assert.Single(await store.GetPoisonRecordsAsync("poison-1"));
        Assert.Equal("activity", kept.Kind);
        Assert.Equal("Crashy", kept.Name);
        Assert.Equal("\"payload\"", kept.Payload);
    }

    private sealed class PermanentTestException : Exception, INonRetriableException
    {
        public PermanentTestException()
            : base("this will never work")
        {
        }

        public bool IsNonRetriable => true;
    }
}
