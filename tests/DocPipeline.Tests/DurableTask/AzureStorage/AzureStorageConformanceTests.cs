using DocPipeline.Tests.DurableTask.Conformance;

namespace DocPipeline.Tests.DurableTask.AzureStorage;

/// <summary>The provider conformance suite on DurableTask.AzureStorage (Azurite).</summary>
public sealed class AzureStorageConformanceTests(AzureStorageProviderFixture fixture)
    : ProviderConformanceTests<AzureStorageProviderFixture>(fixture), IClassFixture<AzureStorageProviderFixture>;
