namespace DocPipeline.Host.Triggers;

/// <summary>Where the triggers look for documents.</summary>
public enum TriggerStorageMode
{
    /// <summary>
    /// One machine, no Azure Storage: documents dropped into the local <c>incoming/</c> folder (and a Service Bus
    /// queue, when one is configured).
    /// </summary>
    Embedded,

    /// <summary>
    /// Azure Storage or Azurite: blobs in the <c>incoming</c> container, messages on the <c>ingest</c> queue (and a
    /// Service Bus queue, when one is configured).
    /// </summary>
    AzureStorage,
}
