using DocPipeline.Tests.DurableTask.Conformance;
using DurableTask.AzureStorage;
using DurableTask.Core;

namespace DocPipeline.Tests.DurableTask.AzureStorage;

/// <summary>DurableTask.AzureStorage on an Azurite this fixture starts (pinned npm Azurite, in memory, loopback ports).</summary>
public sealed class AzureStorageProviderFixture : ProviderFixture
{
    private readonly AzuriteFixture _azurite = new();

    public AzureStorageOrchestrationService AzureStorage => (AzureStorageOrchestrationService)Service;

    public override bool SupportsRewind => true;

    public override bool StoresFailureDetails => false;

    public override Task RewindAsync(string instanceId, string reason) => AzureStorage.RewindTaskOrchestrationAsync(instanceId, reason);

    protected override async Task<IOrchestrationService> CreateServiceAsync()
    {
        await _azurite.InitializeAsync();
        return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = "conformance" + Guid.NewGuid().ToString("N")[..8],
            StorageAccountClientProvider = new StorageAccountClientProvider(_azurite.ConnectionString),
            PartitionCount = 4,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100),
            ExtendedSessionsEnabled = true,
            ThrowExceptionOnInvalidDedupeStatus = true,
        });
    }

    protected override async Task DisposeServiceAsync() => await _azurite.DisposeAsync();
}
