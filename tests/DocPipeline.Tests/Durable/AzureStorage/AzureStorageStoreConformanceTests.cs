using DocPipeline.Durable.Store;
using DocPipeline.Tests.Durable.Conformance;

namespace DocPipeline.Tests.Durable.AzureStorage;

/// <summary>The store conformance suite on Azure Storage (Azurite); every test gets its own task hub.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageStoreConformanceTests(AzuriteFixture azurite) : StoreConformanceTests
{
    private readonly string _hubName = AzuriteFixture.NewHubName();

    protected override IOrchestrationStore CreateStore(TimeProvider? time = null) => azurite.CreateStore(_hubName, time);
}
