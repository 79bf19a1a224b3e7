using DocPipeline.Durable;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Runtime;

namespace DocPipeline.Tests.Durable.Runtime;

/// <summary>The replay engine on its own: history in, actions out.</summary>
public sealed class OrchestrationExecutorTests
{
    private static readonly DateTime T0 = new(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Replay_RecordedResults_AreReturnedWithoutSchedulingTheCallsAgain()
    {
        var calls = new List<string>();
        var executor = Create(async ctx =>
        {
            var a = await ctx.CallActivityAsync<string>("A", "1");
            calls.Add(a);
            return await ctx.CallActivityAsync<string>("B", a);
        });

        executor.Replay(
        [
            Started(T0),
            Start(),
            Scheduled(0, "A", T0),
            Started(T0.AddSeconds(1)),
            Completed(0, "\"a-result\""),
        ]);
        var episode = executor.ExecuteEpisode([], T0.AddSeconds(2));

        Assert.Equal(["a-result"], calls);
        var scheduled = Assert.Single(episode.Activities);
        Assert.Equal(("B", 1, "\"a-result\""), (scheduled.Name, scheduled.TaskId, scheduled.Input));
        Assert.DoesNotContain(episode.NewEvents, e => e.EventType == HistoryEventType.TaskScheduled && e.EventId == 0);
    }

    [Fact]
    public void Replay_CodeCallsADifferentActivity_ThrowsNamingExpectedAndActual()
    {
        var executor = Create(ctx => ctx.CallActivityAsync<string>("NewActivity", null));

        var error = Assert.Throws<NonDeterministicOrchestrationException>(() => executor.Replay(
        [
            Started(T0),
            Start(),
            Scheduled(0, "OldActivity", T0),
        ]));

        Assert.Contains("CallActivityAsync(\"OldActivity\")", error.Message);
        Assert.Contains("CallActivityAsync(\"NewActivity\")", error.Message);
    }

    [Fact]
    public void Replay_CodeNoLongerMakesARecordedCall_Throws()
    {
        var executor = Create(_ => Task.FromResult<object?>("done"));

        var error = Assert.Throws<NonDeterministicOrchestrationException>(() => executor.Replay(
        [
            Started(T0),
            Start(),
            Scheduled(0, "Gone", T0),
        ]));

        Assert.Contains("no longer makes that call", error.Message);
    }

    [Theory]
    [InlineData(true, "timer")]
    [InlineData(false, "activity")]
    public void WhenAny_ActivityAgainstTimer_SameWinnerOnEveryReplay(bool timerFirst, string expected)
    {
        Func<TaskOrchestrationContext, Task<object?>> code = async ctx =>
        {
            using var cts = new CancellationTokenSource();
            var work = ctx.CallActivityAsync<string>("Work", null);
            var timer = ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMinutes(5), cts.Token);
            var winner = await Task.WhenAny(work, timer);
            // Synchronous Cancel: CancelAsync would continue on the thread pool, which orchestrators must not do.
#pragma warning disable CA1849
            cts.Cancel();
#pragma warning restore CA1849
            return winner == timer ? "timer" : "activity";
        };

        var live = Create(code);
        var history = new List<HistoryEvent>();
        var first = live.ExecuteEpisode([Start()], T0);
        history.AddRange(first.NewEvents);
        HistoryEvent[] arrivals = timerFirst
            ? [Fired(1, T0.AddMinutes(5)), Completed(0, "\"x\"")]
            : [Completed(0, "\"x\""), Fired(1, T0.AddMinutes(5))];
        var second = live.ExecuteEpisode(arrivals, T0.AddMinutes(6));
        history.AddRange(second.NewEvents);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.Status);
        Assert.Equal($"\"{expected}\"", second.Output);

        // A fresh executor replaying the recorded history picks the same winner.
        var replayed = Create(code);
        replayed.Replay(history.Where(e => e.EventType != HistoryEventType.ExecutionCompleted).ToList());
        var again = replayed.ExecuteEpisode([], T0.AddMinutes(7));
        Assert.Equal($"\"{expected}\"", again.Output);
    }

    [Fact]
    public void RetryPolicy_Failures_WaitOnDurableTimersWithExponentialCappedBackoff()
    {
        var policy = new RetryPolicy(4, TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(3));
        var executor = Create(ctx => ctx.CallActivityAsync<object?>("Flaky", null, TaskOptions.FromRetryPolicy(policy)));
        var now = T0;

        var episode = executor.ExecuteEpisode([Start()], now);
        Assert.Equal(0, Assert.Single(episode.Activities).TaskId);
        var expectedDelays = new[] { 1, 2, 3 };
        var taskId = 0;
        foreach (var delay in expectedDelays)
        {
            now = now.AddSeconds(10);
            episode = executor.ExecuteEpisode([Failed(taskId, "transient")], now);
            var timer = Assert.Single(episode.Timers);
            Assert.Equal(now.AddSeconds(delay), timer.VisibleAt);
            now = timer.VisibleAt!.Value;
            episode = executor.ExecuteEpisode([Fired(timer.Event.TaskScheduledId, now)], now);
            taskId = Assert.Single(episode.Activities).TaskId;
        }

        episode = executor.ExecuteEpisode([Failed(taskId, "still broken")], now.AddSeconds(1));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, episode.Status);
        Assert.Contains("still broken", episode.Failure!.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public void RetryPolicy_HandleReturnsFalse_DoesNotRetry()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { Handle = f => f.ErrorMessage != "permanent" };
        var executor = Create(ctx => ctx.CallActivityAsync<object?>("Flaky", null, TaskOptions.FromRetryPolicy(policy)));
        executor.ExecuteEpisode([Start()], T0);

        var episode = executor.ExecuteEpisode([Failed(0, "permanent")], T0.AddSeconds(1));

        Assert.Empty(episode.Timers);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, episode.Status);
    }

    [Fact]
    public void RetryPolicy_RetryTimeoutExceeded_StopsRetrying()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(30), retryTimeout: TimeSpan.FromSeconds(45));
        var executor = Create(ctx => ctx.CallActivityAsync<object?>("Flaky", null, TaskOptions.FromRetryPolicy(policy)));
        executor.ExecuteEpisode([Start()], T0);

        var first = executor.ExecuteEpisode([Failed(0, "x")], T0.AddSeconds(1));
        var timer = Assert.Single(first.Timers);
        executor.ExecuteEpisode([Fired(timer.Event.TaskScheduledId, timer.VisibleAt!.Value)], timer.VisibleAt!.Value);
        var second = executor.ExecuteEpisode([Failed(2, "x")], T0.AddSeconds(32));

        // The next retry would fire at 62 s, past the 45 s budget from the first attempt.
        Assert.Empty(second.Timers);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, second.Status);
    }

    [Fact]
    public void TaskDelayInOrchestrator_FailsTheInstanceWithAClearMessage()
    {
        var executor = Create(async ctx =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5));
            return "never";
        });

        var episode = executor.ExecuteEpisode([Start()], T0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, episode.Status);
        Assert.Contains("not durable", episode.Failure!.ErrorMessage);
        Assert.Contains("CreateTimer", episode.Failure.ErrorMessage);
    }

    [Fact]
    public void NewGuid_SameHistory_SameGuids()
    {
        Func<TaskOrchestrationContext, Task<object?>> code = async ctx =>
        {
            var a = ctx.NewGuid();
            await ctx.CallActivityAsync<object?>("X", null);
            return $"{a}|{ctx.NewGuid()}";
        };
        var live = Create(code);
        var history = new List<HistoryEvent>(live.ExecuteEpisode([Start()], T0).NewEvents);
        var done = live.ExecuteEpisode([Completed(0, "null")], T0.AddSeconds(1));
        history.AddRange(done.NewEvents.Where(e => e.EventType != HistoryEventType.ExecutionCompleted));

        var replayed = Create(code);
        replayed.Replay(history);
        var again = replayed.ExecuteEpisode([], T0.AddSeconds(2));

        Assert.Equal(done.Output, again.Output);
        var parts = JsonDataConverter.Deserialize<string>(done.Output)!.Split('|');
        Assert.NotEqual(parts[0], parts[1]);
    }

    [Fact]
    public void DuplicateResultAndDuplicateStart_AreDropped()
    {
        var executor = Create(async ctx => await ctx.CallActivityAsync<int>("One", null) + await ctx.CallActivityAsync<int>("One", null));
        executor.ExecuteEpisode([Start(), Start()], T0);

        var episode = executor.ExecuteEpisode([Completed(0, "1"), Completed(0, "1")], T0.AddSeconds(1));

        Assert.Single(episode.NewEvents, e => e.EventType == HistoryEventType.TaskCompleted);
        Assert.Equal(1, Assert.Single(episode.Activities).TaskId);
    }

    [Fact]
    public void LongHistory_TenThousandEvents_ReplaysToTheSameState()
    {
        const int steps = 3400;
        Func<TaskOrchestrationContext, Task<object?>> code = async ctx =>
        {
            var sum = 0;
            for (var i = 0; i < steps; i++)
            {
                sum += await ctx.CallActivityAsync<int>("Step", i);
            }

            return sum;
        };

        var live = Create(code);
        var history = new List<HistoryEvent>(live.ExecuteEpisode([Start()], T0).NewEvents);
        for (var i = 0; i < steps - 1; i++)
        {
            history.AddRange(live.ExecuteEpisode([Completed(i, "1")], T0.AddSeconds(i + 1)).NewEvents);
        }

        Assert.True(history.Count >= 10_000, $"history has {history.Count} events");
        var replayed = Create(code);
        replayed.Replay(history);
        var last = replayed.ExecuteEpisode([Completed(steps - 1, "1")], T0.AddHours(2));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, last.Status);
        Assert.Equal(steps.ToString(System.Globalization.CultureInfo.InvariantCulture), last.Output);
    }

    private static OrchestrationExecutor Create(Func<TaskOrchestrationContext, Task<object?>> code) =>
        new("instance-1", "exec-1", "Test", new DelegateOrchestrator(code));

    private static OrchestrationExecutor Create(Func<TaskOrchestrationContext, Task<string>> code) =>
        Create(async ctx => (object?)await code(ctx));

    private static OrchestrationExecutor Create(Func<TaskOrchestrationContext, Task<int>> code) =>
        Create(async ctx => (object?)await code(ctx));

    private static HistoryEvent Started(DateTime at) => new() { EventType = HistoryEventType.OrchestratorStarted, Timestamp = at };

    private static HistoryEvent Start() => new() { EventType = HistoryEventType.ExecutionStarted, Name = "Test", Timestamp = T0, InstanceId = "instance-1", ExecutionId = "exec-1" };

    private static HistoryEvent Scheduled(int id, string name, DateTime at) => new() { EventType = HistoryEventType.TaskScheduled, EventId = id, Name = name, Timestamp = at };

    private static HistoryEvent Completed(int id, string result) => new() { EventType = HistoryEventType.TaskCompleted, TaskScheduledId = id, Result = result, Timestamp = T0 };

    private static HistoryEvent Failed(int id, string message) =>
        new() { EventType = HistoryEventType.TaskFailed, TaskScheduledId = id, Failure = new TaskFailureDetails("System.Exception", message), Timestamp = T0 };

    private static HistoryEvent Fired(int id, DateTime at) => new() { EventType = HistoryEventType.TimerFired, TaskScheduledId = id, FireAt = at, Timestamp = at };

    private sealed class DelegateOrchestrator(Func<TaskOrchestrationContext, Task<object?>> code) : ITaskOrchestrator
    {
        public Task<object?> RunAsync(TaskOrchestrationContext context) => code(context);
    }
}
