using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DocPipeline.DurableTask;
using DocPipeline.DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.DurableTask.AzureStorage;

/// <summary>
/// The storage the host creates for hub <c>DocPipeline</c> is the task hub layout Durable Functions documents, so a
/// Functions app and this host on one account and hub share instances.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskHubLayoutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartHost_HubDocPipeline_CreatesDurableFunctionsLayout()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await RunOnceAsync(new DurableTaskHostOptions { HubName = "DocPipeline" }, timeout.Token);

        var (tables, queues, containers) = await ListAsync("docpipeline", timeout.Token);

        Assert.Contains("DocPipelineInstances", tables);
        Assert.Contains("DocPipelineHistory", tables);

        // Partition leases in a table, as Durable Functions 3.x does by default.
        Assert.Contains("DocPipelinePartitions", tables);
        Assert.Equal(["docpipeline-control-00", "docpipeline-control-01", "docpipeline-control-02", "docpipeline-control-03", "docpipeline-workitems"], queues.Order());
        Assert.Contains("docpipeline-largemessages", containers);
    }

    [Fact]
    public async Task StartHost_BlobPartitionManagement_KeepsLeasesInLeasesContainer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await RunOnceAsync(new DurableTaskHostOptions { HubName = "LeaseHub", StorageProvider = { UseTablePartitionManagement = false } }, timeout.Token);

        var (tables, _, containers) = await ListAsync("leasehub", timeout.Token);

        Assert.Contains("leasehub-leases", containers);
        Assert.DoesNotContain("LeaseHubPartitions", tables);
    }

    /// <summary>Runs one instance with an input large enough to go to the large-message container.</summary>
    private async Task RunOnceAsync(DurableTaskHostOptions options, CancellationToken cancellationToken)
    {
        await using var host = await EngineTestHost.StartAsync(
            sp => AzureStorageBackend.Create(options, AzureStorageAccount.FromConnectionString(azurite.ConnectionString), sp.GetService<ILoggerFactory>()),
            cancellationToken: cancellationToken);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitForGo", new string('x', 200_000), cancellationToken);
        await host.Client.WaitForInstanceStartAsync(id, cancellation: cancellationToken);
        await host.Client.RaiseEventAsync(id, "go", "!", cancellationToken);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellationToken);
        Assert.Equal(200_001, done.ReadOutputAs<string>()!.Length);
    }

    private async Task<(List<string> Tables, List<string> Queues, List<string> Containers)> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await foreach (var table in new TableServiceClient(azurite.ConnectionString).QueryAsync(cancellationToken: cancellationToken))
        {
            tables.Add(table.Name);
        }

        var queues = new List<string>();
        await foreach (var queue in new QueueServiceClient(azurite.ConnectionString).GetQueuesAsync(prefix: prefix, cancellationToken: cancellationToken))
        {
            queues.Add(queue.Name);
        }

        var containers = new List<string>();
        await foreach (var container in new BlobServiceClient(azurite.ConnectionString).GetBlobContainersAsync(prefix: prefix, cancellationToken: cancellationToken))
        {
            containers.Add(container.Name);
        }

        return (tables, queues, containers);
    }
}
