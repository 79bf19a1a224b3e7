using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.Query;

namespace DocPipeline.Tests.DurableTask.Conformance;

/// <summary>Create dedupe, query, purge, rewind, history.</summary>
public abstract partial class ProviderConformanceTests<TFixture>
{
    [Fact]
    public async Task Create_DedupeStatusMatches_ThrowsAlreadyExists()
    {
        using var cts = TimeoutToken();
        var id = NewId("dedupe");
        var instance = await StartAsync(nameof(ConformanceTasks.Sequence), 1, id);
        await CompleteAsync(instance, cts.Token);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.CreateOrchestrationInstanceAsync(
            nameof(ConformanceTasks.Sequence), string.Empty, id, 1, null, [OrchestrationStatus.Completed, OrchestrationStatus.Running, OrchestrationStatus.Pending]));
    }

    [Fact]
    public async Task Create_CompletedInstanceWithoutDedupe_RunsAgain()
    {
        using var cts = TimeoutToken();
        var id = NewId("rerun");
        var first = await StartAsync(nameof(ConformanceTasks.Sequence), 1, id);
        var firstState = await CompleteAsync(first, cts.Token);

        var second = await Client.CreateOrchestrationInstanceAsync(nameof(ConformanceTasks.Sequence), string.Empty, id, 2, null, [OrchestrationStatus.Running, OrchestrationStatus.Pending]);
        var secondState = await WaitForStateAsync(
            id, s => s.OrchestrationInstance.ExecutionId == second.ExecutionId && s.OrchestrationStatus == OrchestrationStatus.Completed, cts.Token);

        Assert.NotEqual(firstState.OrchestrationInstance.ExecutionId, secondState.OrchestrationInstance.ExecutionId);
        Assert.Equal(2, Output<int>(secondState));
    }

    [Fact]
    public async Task Query_PrefixAndStatusFilters_PagesWithContinuationToken()
    {
        using var cts = TimeoutToken();
        var prefix = NewId("query") + "-";
        var instances = new List<OrchestrationInstance>();
        for (var i = 0; i < 5; i++)
        {
            instances.Add(await StartAsync(nameof(ConformanceTasks.Sequence), 1, prefix + i));
        }

        foreach (var instance in instances)
        {
            await CompleteAsync(instance, cts.Token);
        }

        var waiting = await StartAsync(nameof(ConformanceTasks.Approval), "q", prefix + "waiting");
        await WaitForStateAsync(waiting.InstanceId, s => s.OrchestrationStatus == OrchestrationStatus.Running, cts.Token);
        var queryClient = (IOrchestrationServiceQueryClient)Fixture.Service;

        var found = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await queryClient.GetOrchestrationWithQueryAsync(
                new OrchestrationQuery
                {
                    InstanceIdPrefix = prefix,
                    RuntimeStatus = [OrchestrationStatus.Completed],
                    PageSize = 2,
                    ContinuationToken = token,
                },
                cts.Token);
            found.AddRange(page.OrchestrationState.Select(s => s.OrchestrationInstance.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(instances.Select(i => i.InstanceId).Order(), found.Order());
        Assert.True(pages >= 3, $"expected at least 3 pages of 2, got {pages}");
        await Client.TerminateInstanceAsync(waiting, "done");
    }

    [Fact]
    public async Task Purge_SingleCompletedInstance_RemovesStateAndHistory()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Sequence), 2);
        await CompleteAsync(instance, cts.Token);
        var purgeClient = (IOrchestrationServicePurgeClient)Fixture.Service;

        var result = await purgeClient.PurgeInstanceStateAsync(instance.InstanceId);

        Assert.Equal(1, result.DeletedInstanceCount);
        Assert.Null(await Client.GetOrchestrationStateAsync(instance.InstanceId));
    }

    [Fact]
    public async Task Purge_ByCreatedTimeAndStatus_RemovesMatchingInstancesOnly()
    {
        using var cts = TimeoutToken();
        var from = DateTime.UtcNow.AddSeconds(-1);
        var completed = new[]
        {
            await StartAsync(nameof(ConformanceTasks.Sequence), 1),
            await StartAsync(nameof(ConformanceTasks.Sequence), 1),
        };
        foreach (var instance in completed)
        {
            await CompleteAsync(instance, cts.Token);
        }

        var running = await StartAsync(nameof(ConformanceTasks.Approval), "p");
        await WaitForStateAsync(running.InstanceId, s => s.OrchestrationStatus == OrchestrationStatus.Running, cts.Token);
        var purgeClient = (IOrchestrationServicePurgeClient)Fixture.Service;

        var result = await purgeClient.PurgeInstanceStateAsync(
            new PurgeInstanceFilter(from, DateTime.UtcNow.AddSeconds(1), [OrchestrationStatus.Completed]));

        Assert.True(result.DeletedInstanceCount >= 2, $"deleted {result.DeletedInstanceCount}");
        foreach (var instance in completed)
        {
            Assert.Null(await Client.GetOrchestrationStateAsync(instance.InstanceId));
        }

        Assert.Equal(OrchestrationStatus.Running, (await Client.GetOrchestrationStateAsync(running.InstanceId))!.OrchestrationStatus);
        await Client.TerminateInstanceAsync(running, "done");
    }

    [Fact]
    public async Task History_CompletedSequence_ListsScheduledAndCompletedTasks()
    {
        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.Sequence), 2);
        await CompleteAsync(instance, cts.Token);

        var history = await Client.GetOrchestrationHistoryAsync(instance);

        var types = EventTypes(history);
        Assert.Contains("ExecutionStarted", types);
        Assert.Equal(2, types.Count(t => t == "TaskScheduled"));
        Assert.Equal(2, types.Count(t => t == "TaskCompleted"));
        Assert.Contains("ExecutionCompleted", types);
    }

    [Fact]
    public async Task Rewind_FailedInstance_RerunsOnlyTheFailedCall()
    {
        if (!Fixture.SupportsRewind)
        {
            return;
        }

        using var cts = TimeoutToken();
        var instance = await StartAsync(nameof(ConformanceTasks.FailMiddle), 1);
        var failed = await CompleteAsync(instance, cts.Token);
        Assert.Equal(OrchestrationStatus.Failed, failed.OrchestrationStatus);

        await Fixture.RewindAsync(instance.InstanceId, "fixed");
        var state = await WaitForStateAsync(instance.InstanceId, s => s.OrchestrationStatus == OrchestrationStatus.Completed, cts.Token);

        Assert.Equal(1 + 2 + 1, Output<int>(state));
        Assert.Equal(1, ConformanceTasks.Count(instance.InstanceId + "/first"));
        Assert.Equal(2, ConformanceTasks.Count(instance.InstanceId + "/fail"));
        Assert.Equal(1, ConformanceTasks.Count(instance.InstanceId + "/last"));
    }
}
