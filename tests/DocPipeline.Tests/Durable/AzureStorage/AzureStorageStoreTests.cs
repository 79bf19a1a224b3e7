using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DocPipeline.Durable;
using DocPipeline.Durable.AzureStorage;
using DocPipeline.Durable.History;
using DocPipeline.Durable.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DocPipeline.Tests.Durable.AzureStorage;

/// <summary>Behaviour specific to the Azure Storage layout: blobs, several workers on one hub, duplicates, leases.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageStoreTests(AzuriteFixture azurite)
{
    private readonly string _hubName = AzuriteFixture.NewHubName();

    [Fact]
    public async Task LargePayload_OverThreshold_IsStoredInBlobAndRoundTrips()
    {
        var big = string.Concat(Enumerable.Repeat("Größe-", 40_000));
        await using var host = await DurableTestHost.StartAsync(azurite.CreateStore(_hubName), r => r
            .AddActivityFunc<string, string>("Upper", (s, _) => Task.FromResult(s.ToUpperInvariant()))
            .AddOrchestratorFunc<string, string>("Big", (ctx, s) => ctx.CallActivityAsync<string>("Upper", s)));

        var result = await host.RunAsync("Big", big, "big-1");
        var small = await host.RunAsync("Big", "tiny", "small-1");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(big, result.ReadInputAs<string>());
        Assert.Equal(big.ToUpperInvariant(), result.ReadOutputAs<string>());
        var history = await host.Client.GetHistoryAsync("big-1");
        Assert.Equal(big, JsonDataConverter.Deserialize<string>(history.Single(e => e.EventType == HistoryEventType.TaskScheduled).Input));
        Assert.Equal(big.ToUpperInvariant(), JsonDataConverter.Deserialize<string>(history.Single(e => e.EventType == HistoryEventType.TaskCompleted).Result));

        var instances = new TableClient(azurite.ConnectionString, _hubName + "Instances");
        var bigRow = (await instances.GetEntityAsync<TableEntity>("big-1", string.Empty)).Value;
        Assert.True(bigRow.ContainsKey("InputBlob") && !bigRow.ContainsKey("Input"), "a large input is referenced, not inline");
        Assert.True(bigRow.ContainsKey("OutputBlob"), "a large output is referenced, not inline");
        var smallRow = (await instances.GetEntityAsync<TableEntity>("small-1", string.Empty)).Value;
        Assert.True(smallRow.ContainsKey("Input") && !smallRow.ContainsKey("InputBlob"), "a small input stays on the row");

        var container = new BlobContainerClient(azurite.ConnectionString, _hubName.ToLowerInvariant() + "-largemessages");
        var blobs = await ListAsync(container, "big-1/");
        Assert.Contains(blobs, b => b.StartsWith("big-1/input-", StringComparison.Ordinal));
        Assert.Contains(blobs, b => b.StartsWith("big-1/h000000-", StringComparison.Ordinal));
        Assert.Empty(await ListAsync(container, "small-1/"));

        Assert.True(await host.Client.PurgeInstanceAsync("big-1"));
        Assert.Empty(await ListAsync(container, "big-1/"));
    }

    [Fact]
    public async Task TwoWorkers_SharedHub_ShareActivitiesAndRunEachOnce()
    {
        var runs = new ConcurrentDictionary<string, int>();
        var byWorker = new ConcurrentDictionary<string, int>();
        var bothWorking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<DurableTaskRegistry> Register(string worker) => r => r
            .AddActivityFunc<string, string>("Work", async (key, ct) =>
            {
                runs.AddOrUpdate(key, 1, (_, n) => n + 1);
                byWorker.AddOrUpdate(worker, 1, (_, n) => n + 1);
                if (byWorker.Count == 2)
                {
                    bothWorking.TrySetResult();
                }

                // Each worker runs two activities at most at a time, so holding them until the other worker has taken
                // some proves the hub's work is shared rather than drained by whoever polls first.
                await bothWorking.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
                return key;
            })
            .AddOrchestratorFunc<int, int>("Fan", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<string>("Work", $"{ctx.InstanceId}#{i}")))).Length);

        await using var a = await DurableTestHost.StartAsync(azurite.CreateStore(_hubName), Register("a"), o => o.MaxConcurrentActivityFunctions = 2);
        await using var b = await DurableTestHost.StartAsync(azurite.CreateStore(_hubName), Register("b"), o => o.MaxConcurrentActivityFunctions = 2);

        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await (i % 2 == 0 ? a : b).Client.ScheduleNewOrchestrationInstanceAsync("Fan", 5, new StartOrchestrationOptions($"fan-{i}")));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var id in ids)
        {
            var done = await a.Client.WaitForInstanceCompletionAsync(id, true, cts.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal(5, done.ReadOutputAs<int>());
        }

        Assert.Equal(30, runs.Count);
        Assert.All(runs, r => Assert.Equal(1, r.Value));
        Assert.True(byWorker.GetValueOrDefault("a") > 0 && byWorker.GetValueOrDefault("b") > 0, $"both workers ran activities: {string.Join(", ", byWorker)}");
    }

    [Fact]
    public async Task CompleteActivities_SameResultTwice_DeliversOneMessage()
    {
        await using var store = azurite.CreateStore(_hubName);
        await store.InitializeAsync();
        var client = new DurableTaskClient(store);
        await client.ScheduleNewOrchestrationInstanceAsync("O", null, new StartOrchestrationOptions("dup-1"));
        var item = Assert.Single(await store.LockOrchestrationsAsync("w", 1, 10, TimeSpan.FromSeconds(30)));
        var committed = await store.CommitOrchestrationsAsync("w", [new OrchestrationCommit
        {
            WorkItem = item,
            ExecutionId = item.Instance.ExecutionId,
            Status = OrchestrationRuntimeStatus.Running,
            ConsumedMessageIds = [item.Messages[0].Id],
            Activities = [new ActivityRequest("dup-1", item.Instance.ExecutionId, 0, "Work", "1")],
        }]);
        Assert.NotNull(committed[0]);
        var work = Assert.Single(await store.LockActivitiesAsync("w", 10, TimeSpan.FromSeconds(30)));
        var result = new ActivityResult(work, new HistoryEvent { EventType = HistoryEventType.TaskCompleted, TaskScheduledId = 0, Result = "2", Timestamp = DateTime.UtcNow });

        // The same completion again, as when the first call's acknowledgement was lost and the worker retried.
        await store.CompleteActivitiesAsync([result]);
        await store.CompleteActivitiesAsync([result]);

        var next = Assert.Single(await store.LockOrchestrationsAsync("w", 1, 10, TimeSpan.FromSeconds(30)));
        var delivered = Assert.Single(next.Messages);
        Assert.Equal(HistoryEventType.TaskCompleted, delivered.Message.Event.EventType);
        Assert.Equal("2", delivered.Message.Event.Result);
        Assert.Empty(await store.LockActivitiesAsync("w2", 10, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task History_RowsPastCommittedCount_AreIgnored()
    {
        await using var host = await DurableTestHost.StartAsync(azurite.CreateStore(_hubName), r => r
            .AddOrchestratorFunc<int, int>("Id", (ctx, x) => Task.FromResult(x)));
        await host.RunAsync("Id", 7, "partial-1");
        var before = await host.Client.GetHistoryAsync("partial-1");

        // What a step that appended history and then lost its final transaction leaves behind.
        var instances = new TableClient(azurite.ConnectionString, _hubName + "Instances");
        var orphan = new TableEntity("partial-1", $"h000000-{before.Count:D8}")
        {
            ["Event"] = System.Text.Encoding.UTF8.GetBytes(HistoryJson.Serialize(new HistoryEvent { EventType = HistoryEventType.EventRaised, Name = "ghost" })),
        };
        await instances.AddEntityAsync(orphan);

        var after = await host.Client.GetHistoryAsync("partial-1");
        Assert.Equal(before.Count, after.Count);
        Assert.DoesNotContain(after, e => e.Name == "ghost");
    }

    [Fact]
    public async Task Lease_HolderProcessStopsResponding_AnotherProcessTakesOverAfterLease()
    {
        await using var first = azurite.CreateStore(_hubName);
        await using var second = azurite.CreateStore(_hubName);
        await first.InitializeAsync();
        await second.InitializeAsync();
        await new DurableTaskClient(first).ScheduleNewOrchestrationInstanceAsync("O", null, new StartOrchestrationOptions("lease-1"));
        var held = Assert.Single(await first.LockOrchestrationsAsync("dead-worker", 1, 10, TimeSpan.FromSeconds(1)));

        // "second" shares nothing in memory with "first": it can only find the instance through the hub.
        var taken = await EventuallyAsync(() => second.LockOrchestrationsAsync("live-worker", 1, 10, TimeSpan.FromSeconds(30)));
        Assert.Equal("lease-1", taken.InstanceId);
        Assert.Equal(2, taken.Messages[0].DequeueCount);
        var stale = await first.CommitOrchestrationsAsync("dead-worker", [Step(held, [])]);
        Assert.Null(stale[0]);
        var fresh = await second.CommitOrchestrationsAsync("live-worker", [Step(taken, [new ActivityRequest("lease-1", taken.Instance.ExecutionId, 0, "Work", null)])]);
        Assert.NotNull(fresh[0]);

        Assert.Single(await first.LockActivitiesAsync("dead-worker", 10, TimeSpan.FromSeconds(1)));
        var work = await EventuallyAsync(() => second.LockActivitiesAsync("live-worker", 10, TimeSpan.FromSeconds(30)));
        Assert.Equal(2, work.DequeueCount);
    }

    [Fact]
    public async Task PoisonMessage_StepNeverCompletes_FailsInstanceAndKeepsTheMessage()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = azurite.CreateStore(_hubName, time);
        await store.InitializeAsync();
        await new DurableTaskClient(store, time).ScheduleNewOrchestrationInstanceAsync("Never", "\"in\"", new StartOrchestrationOptions("poison-o"));

        // Three workers lock the instance and die mid-step.
        for (var i = 0; i < 3; i++)
        {
            Assert.Single(await store.LockOrchestrationsAsync($"doomed-{i}", 1, 10, TimeSpan.FromSeconds(30)));
            time.Advance(TimeSpan.FromSeconds(31));
        }

        await using var host = await DurableTestHost.StartAsync(
            store,
            r => r.AddOrchestratorFunc<string, string>("Never", (ctx, s) => Task.FromResult(s)),
            o => o.MaxDequeueCount = 2,
            time);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await host.Client.WaitForInstanceCompletionAsync("poison-o", false, cts.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("attempted 4 times", result.FailureDetails!.ErrorMessage);
        var kept = Assert.Single(await store.GetPoisonRecordsAsync("poison-o"));
        Assert.Equal("orchestration", kept.Kind);
        Assert.Equal(nameof(HistoryEventType.ExecutionStarted), kept.Name);
        Assert.Equal(4, kept.DequeueCount);
        Assert.Equal(HistoryEventType.ExecutionStarted, HistoryJson.Deserialize(kept.Payload!).EventType);
    }

    [Fact]
    public async Task ContinueAsNew_Generations_LeavesOnlyTheCurrentHistoryRows()
    {
        await using var host = await DurableTestHost.StartAsync(azurite.CreateStore(_hubName), r => r
            .AddOrchestratorFunc<int, int>("Loop", (ctx, n) =>
            {
                if (n < 3)
                {
                    ctx.ContinueAsNew(n + 1);
                }

                return Task.FromResult(n);
            }));

        var result = await host.RunAsync("Loop", 0, "loop-1");

        Assert.Equal(3, result.ReadOutputAs<int>());
        var instances = new TableClient(azurite.ConnectionString, _hubName + "Instances");
        var row = (await instances.GetEntityAsync<TableEntity>("loop-1", string.Empty)).Value;
        var generation = row.GetInt32("HistoryGeneration")!.Value;
        Assert.Equal(3, generation);
        var historyKeys = new List<string>();
        await foreach (var entity in instances.QueryAsync<TableEntity>(e => e.PartitionKey == "loop-1"))
        {
            if (entity.RowKey.StartsWith('h'))
            {
                historyKeys.Add(entity.RowKey);
            }
        }

        Assert.All(historyKeys, k => Assert.StartsWith($"h{generation:D6}-", k));
        Assert.Equal(row.GetInt32("HistoryCount"), historyKeys.Count);
        Assert.Equal(historyKeys.Count, (await host.Client.GetHistoryAsync("loop-1")).Count);
    }

    [Fact]
    public async Task CreateInstance_MessagesLeftForAPurgedId_AreNotDeliveredToTheNewInstance()
    {
        await using var store = azurite.CreateStore(_hubName);
        await store.InitializeAsync();

        // A late delivery to an instance that was purged meanwhile leaves rows with no instance.
        await store.SendMessagesAsync([new OrchestrationMessage("reborn", null, new HistoryEvent { EventType = HistoryEventType.EventRaised, Name = "Stale", Timestamp = DateTime.UtcNow })]);
        Assert.Empty(await store.LockOrchestrationsAsync("w", 10, 10, TimeSpan.FromSeconds(30)));

        await new DurableTaskClient(store).ScheduleNewOrchestrationInstanceAsync("O", null, new StartOrchestrationOptions("reborn"));

        var item = Assert.Single(await store.LockOrchestrationsAsync("w", 10, 10, TimeSpan.FromSeconds(30)));
        var message = Assert.Single(item.Messages);
        Assert.Equal(HistoryEventType.ExecutionStarted, message.Message.Event.EventType);
    }

    [Fact]
    public async Task DeleteTaskHub_RemovesTablesQueuesAndContainer()
    {
        await using var store = azurite.CreateStore(_hubName);
        await store.InitializeAsync();
        await new DurableTaskClient(store).ScheduleNewOrchestrationInstanceAsync("O", null, new StartOrchestrationOptions("gone-1"));

        await store.DeleteTaskHubAsync();
        await store.DeleteTaskHubAsync();

        var tables = new TableServiceClient(azurite.ConnectionString);
        var left = new List<string>();
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(_hubName) >= 0 && t.Name.CompareTo(_hubName + "~") < 0))
        {
            left.Add(table.Name);
        }

        Assert.Empty(left);
        var queues = new Azure.Storage.Queues.QueueServiceClient(azurite.ConnectionString);
        var queueNames = new List<string>();
        await foreach (var queue in queues.GetQueuesAsync(prefix: _hubName.ToLowerInvariant()))
        {
            queueNames.Add(queue.Name);
        }

        Assert.Empty(queueNames);
        Assert.False(await new BlobContainerClient(azurite.ConnectionString, _hubName.ToLowerInvariant() + "-largemessages").ExistsAsync());
    }

    [Fact]
    public async Task CreateInstance_UnusableInstanceId_IsRejectedWithClearError()
    {
        await using var store = azurite.CreateStore(_hubName);
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.CreateInstanceAsync(new NewInstance("a/b", "e1", "O", null, DateTime.UtcNow), []));
        Assert.Contains("'a/b'", error.Message);
        Assert.Null(await store.GetInstanceAsync("a/b", false));
    }

    [Fact]
    public async Task UseAzureStorage_NoHubNameOnStore_TakesTheWorkerHubName()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTask(b =>
        {
            b.RunWorker = false;
            b.UseAzureStorage(o => o.ConnectionString = azurite.ConnectionString);
        });
        services.Configure<DurableTaskOptions>(o => o.HubName = _hubName);
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<AzureStorageOrchestrationStore>(provider.GetRequiredService<IOrchestrationStore>());
        Assert.Equal(_hubName, store.HubName);
        var client = provider.GetRequiredService<DurableTaskClient>();
        await client.ScheduleNewOrchestrationInstanceAsync("O", null, new StartOrchestrationOptions("di-1"));
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await client.GetInstanceAsync("di-1"))!.RuntimeStatus);
    }

    private static OrchestrationCommit Step(OrchestrationWorkItem item, IReadOnlyList<ActivityRequest> activities) => new()
    {
        WorkItem = item,
        ExecutionId = item.Instance.ExecutionId,
        Status = OrchestrationRuntimeStatus.Running,
        ConsumedMessageIds = [.. item.Messages.Select(m => m.Id)],
        Activities = activities,
    };

    /// <summary>Retries <paramref name="take"/> until it returns exactly one item (lease expiry is real server time here).</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<IReadOnlyList<T>>> take)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var idle = new WorkSignal();
        while (true)
        {
            var items = await take();
            if (items.Count > 0)
            {
                return Assert.Single(items);
            }

            cts.Token.ThrowIfCancellationRequested();
            await WorkSignal.WaitAsync(idle.NextAsync(), TimeSpan.FromMilliseconds(100), TimeProvider.System, cts.Token);
        }
    }

    private static async Task<List<string>> ListAsync(BlobContainerClient container, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
