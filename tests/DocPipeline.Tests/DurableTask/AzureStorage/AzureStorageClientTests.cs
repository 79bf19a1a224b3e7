using DocPipeline.DurableTask;
using DocPipeline.DurableTask.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.DurableTask.AzureStorage;

/// <summary>The client and hosting contract on DurableTask.AzureStorage over a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageClientTests(AzuriteFixture azurite) : DurableTaskClientContract
{
    private readonly string _hub = AzuriteFixture.NewHubName();

    protected override DurableTaskBackend CreateBackend(IServiceProvider services) =>
        AzureStorageBackend.Create(TestOptions(_hub), AzureStorageAccount.FromConnectionString(azurite.ConnectionString), services.GetService<ILoggerFactory>());

    /// <summary>The host's defaults, with a short idle poll so the tests do not wait on empty queues.</summary>
    internal static DurableTaskHostOptions TestOptions(string hub) =>
        new() { HubName = hub, StorageProvider = { PartitionCount = 2, MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200) } };
}
