namespace DocPipeline.Tests.DurableTask.Http;

/// <summary>The management API tests, which share one Azurite and one host.</summary>
[CollectionDefinition(Name)]
public sealed class ManagementApiCollection : ICollectionFixture<ManagementApiFixture>
{
    public const string Name = "DurableTask management API";
}
