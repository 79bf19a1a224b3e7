namespace DocPipeline.Host.Hosting;

/// <summary>Where the durable state, artifacts and results live.</summary>
public enum StorageKind
{
    /// <summary>SQLite and files under the data folder (<c>./.docpipeline</c>): one machine, no set-up.</summary>
    Embedded,

    /// <summary>Azure Storage (Tables, Queues, Blobs) named by <c>AzureWebJobsStorage</c>; Azurite locally.</summary>
    AzureStorage,
}
