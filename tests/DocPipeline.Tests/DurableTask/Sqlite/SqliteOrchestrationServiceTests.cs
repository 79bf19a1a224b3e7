using DocPipeline.DurableTask.Sqlite;
using DocPipeline.Tests.DurableTask.Conformance;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Data.Sqlite;

namespace DocPipeline.Tests.DurableTask.Sqlite;

/// <summary>What only the SQLite provider does: one worker per file, client-only processes, durability, poison messages.</summary>
public sealed class SqliteOrchestrationServiceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "docpipeline-dtfx-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "durabletask.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task StartAsync_SecondWorkerOnSameFile_RefusesWithMessageNamingTheFile()
    {
        await using var first = NewService();
        await using var second = NewService();
        await first.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(second.StartAsync);

        Assert.Contains(first.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("Only one worker process may run per file", error.Message, StringComparison.Ordinal);
        await first.StopAsync();
    }

    [Fact]
    public async Task StartAsync_AfterFirstWorkerStops_Succeeds()
    {
        await using var first = NewService();
        await using var second = NewService();
        await first.StartAsync();
        await first.StopAsync();

        await second.StartAsync();

        await second.StopAsync();
    }

    [Fact]
    public async Task ClientOnlyInstance_StartsOrchestration_WorkerPicksItUpAndCompletes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var workerService = NewService();
        var worker = new TaskHubWorker(workerService);
        ProviderFixture.Register(worker);
        await worker.StartAsync();
        await using var clientOnly = NewService();
        var client = new TaskHubClient(clientOnly, new SdkDataConverter());

        var instance = await client.CreateOrchestrationInstanceAsync(nameof(ConformanceTasks.Sequence), string.Empty, "cli-" + Guid.NewGuid().ToString("N"), 3);
        var state = await client.WaitForOrchestrationAsync(instance, TimeSpan.FromSeconds(60), cts.Token);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("3", state.Output);
        await worker.StopAsync(isForced: true);
    }

    [Theory]
    [InlineData(SqliteDurability.Normal, "1")]
    [InlineData(SqliteDurability.Full, "2")]
    public async Task Durability_Setting_AppliesSynchronousPragmaInWalMode(SqliteDurability durability, string expected)
    {
        await using var service = NewService(s => s.Durability = durability);
        await service.CreateIfNotExistsAsync();

        Assert.Equal(expected, service.Database.ReadPragma("synchronous"));
        Assert.Equal("wal", service.Database.ReadPragma("journal_mode"));
    }

    [Fact]
    public async Task Poison_ActivityAbandonedOnEveryDelivery_FailsInstanceAndKeepsMessage()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var service = NewService(s => s.MaxDeliveryCount = 3);
        var worker = new TaskHubWorker(service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        ProviderFixture.Register(worker);
        var deliveries = 0;

        // A failure in the host's own pipeline (not in the activity) makes the engine abandon the work item.
        worker.AddActivityDispatcherMiddleware((context, next) =>
        {
            if (context.GetProperty<TaskScheduledEvent>()?.Name == nameof(ConformanceTasks.AddOne))
            {
                Interlocked.Increment(ref deliveries);
                throw new InvalidOperationException("the host cannot run this activity");
            }

            return next();
        });
        await worker.StartAsync();
        var client = new TaskHubClient(service, new SdkDataConverter());

        var instance = await client.CreateOrchestrationInstanceAsync(nameof(ConformanceTasks.Sequence), string.Empty, "poison-" + Guid.NewGuid().ToString("N"), 1);
        var state = await client.WaitForOrchestrationAsync(instance, TimeSpan.FromSeconds(60), cts.Token);

        Assert.Equal(OrchestrationStatus.Failed, state.OrchestrationStatus);
        Assert.Contains("delivered 3 times", state.Output, StringComparison.Ordinal);
        Assert.Contains("poison_messages", state.Output, StringComparison.Ordinal);
        Assert.Equal(3, deliveries);
        await worker.StopAsync(isForced: true);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync(cts.Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT queue, delivery_count, payload FROM poison_messages WHERE instance_id = $id";
        command.Parameters.AddWithValue("$id", instance.InstanceId);
        await using var row = await command.ExecuteReaderAsync(cts.Token);
        Assert.True(await row.ReadAsync(cts.Token));
        Assert.Equal("activity", row.GetString(0));
        Assert.Equal(3, row.GetInt32(1));
        Assert.Contains("AddOne", row.GetString(2), StringComparison.Ordinal);
    }

    private SqliteOrchestrationService NewService(Action<SqliteOrchestrationServiceSettings>? configure = null)
    {
        var settings = new SqliteOrchestrationServiceSettings { DatabasePath = DatabasePath, PollingInterval = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(settings);
        return new SqliteOrchestrationService(settings);
    }
}
