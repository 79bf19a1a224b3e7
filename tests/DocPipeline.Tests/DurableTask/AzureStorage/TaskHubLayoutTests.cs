using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
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
        await using (var host = await EngineTestHost.StartAsync(
            sp => AzureStorageBackend.Create(new() { HubName = "DocPipeline" }, AzureStorageAccount.FromConnectionString(azurite.ConnectionString), sp.GetService<ILoggerFactory>()),
            cancellationToken: timeout.Token))
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sequence", 1, timeout.Token);
            await host.Client.WaitForInstanceCompletionAsync(id, cancellation: timeout.Token);
        }

        var tables = new List<string>();
        await foreach (var table in new TableServiceClient(azurite.ConnectionString).QueryAsync(cancellationToken: timeout.Token))
        {
            tables.Add(table.Name);
        }

        var queues = new List<string>();
        await foreach (var queue in new QueueServiceClient(azurite.ConnectionString).GetQueuesAsync(prefix: "docpipeline", cancellationToken: timeout.Token))
        {
            queues.Add(queue.Name);
        }

        var containers = new List<string>();
        await foreach (var container in new BlobServiceClient(azurite.ConnectionString).GetBlobContainersAsync(prefix: "docpipeline", cancellationToken: timeout.Token))
        {
            containers.Add(container.Name);
        }

        Assert.Contains("DocPipelineInstances", tables);
        Assert.Contains("DocPipelineHistory", tables);
        Assert.Equal(["docpipeline-control-00", "docpipeline-control-01", "docpipeline-control-02", "docpipeline-control-03", "docpipeline-workitems"], queues.Order());
        Assert.Contains("docpipeline-leases", containers);
        Assert.Contains("docpipeline-largemessages", containers);
    }
}
