using DocPipeline.Durable.AzureStorage;

namespace DocPipeline.Tests.Durable.AzureStorage;

public sealed class AzureStorageStoreOptionsTests
{
    [Theory]
    [InlineData("my-hub")]
    [InlineData("1hub")]
    [InlineData("ab")]
    public void Constructor_InvalidHubName_ThrowsNamingTheRule(string hubName)
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureStorageOrchestrationStore(new AzureStorageStoreOptions { ConnectionString = "UseDevelopmentStorage=true", HubName = hubName }));
        Assert.Contains($"'{hubName}'", error.Message);
        Assert.Contains("3-45 letters or digits", error.Message);
    }

    [Fact]
    public void Constructor_NoConnection_ThrowsSayingWhatIsNeeded()
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureStorageOrchestrationStore(new AzureStorageStoreOptions { TableServiceUri = new Uri("https://example.table.core.windows.net") }));
        Assert.Contains("connection string", error.Message);
        Assert.Contains("QueueServiceUri", error.Message);
    }

    [Fact]
    public void Constructor_ServiceUrisWithoutConnectionString_UsesIdentityWithoutContactingAzure()
    {
        var store = new AzureStorageOrchestrationStore(new AzureStorageStoreOptions
        {
            TableServiceUri = new Uri("https://account.table.core.windows.net"),
            QueueServiceUri = new Uri("https://account.queue.core.windows.net"),
            BlobServiceUri = new Uri("https://account.blob.core.windows.net"),
            HubName = "Prod1",
        });

        Assert.Equal("Prod1", store.HubName);
        Assert.Equal("azure", store.Name);
    }

    [Theory]
    [InlineData(0, 45 * 1024)]
    [InlineData(17, 45 * 1024)]
    [InlineData(4, 70_000)]
    public void Constructor_LimitsOutOfRange_Throw(int partitions, int threshold) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AzureStorageOrchestrationStore(new AzureStorageStoreOptions
        {
            ConnectionString = "UseDevelopmentStorage=true",
            PartitionCount = partitions,
            LargePayloadThresholdBytes = threshold,
        }));
}
