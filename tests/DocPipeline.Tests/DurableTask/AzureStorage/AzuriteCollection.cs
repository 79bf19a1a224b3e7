namespace DocPipeline.Tests.DurableTask.AzureStorage;

/// <summary>The engine tests that share one Azurite process.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "DurableTask on Azurite";
}
