namespace DocPipeline.Functions;

/// <summary>
/// Every storage name and connection setting the app binds to, in one place: the infrastructure templates and the
/// build-output test must agree with these.
/// </summary>
public static class StorageNames
{
    /// <summary>The task hub (host.json <c>extensions.durableTask.hubName</c>).</summary>
    public const string HubName = "DocPipeline";

    /// <summary>The storage connection setting: durable state, triggers, originals, artifacts and results.</summary>
    public const string StorageConnection = "AzureWebJobsStorage";

    /// <summary>The Service Bus connection setting; the queue drain is off without it.</summary>
    public const string ServiceBusConnection = "ServiceBusConnection";

    /// <summary>The Service Bus queue setting (default <see cref="DefaultServiceBusQueue"/>), as the standalone host names it.</summary>
    public const string ServiceBusQueueSetting = "Pipeline:ServiceBusQueue";

    /// <summary>The Service Bus queue drained when no other is set.</summary>
    public const string DefaultServiceBusQueue = "documents";

    /// <summary>Documents dropped here are processed.</summary>
    public const string IncomingContainer = "incoming";

    /// <summary>The blob path the blob trigger watches.</summary>
    public const string IncomingBlobPath = IncomingContainer + "/{name}";

    /// <summary>Originals that could not be processed are copied here, under their own name.</summary>
    public const string FailedContainer = "incoming-failed";

    /// <summary>Results, <c>{instanceId}.json</c>.</summary>
    public const string ResultsContainer = "results";

    /// <summary>Extracted text and chunks of each run (<c>{hub}-artifacts</c>).</summary>
    public const string ArtifactsContainer = "docpipeline-artifacts";

    /// <summary>Saved model answers (<c>{hub}-modelresponses</c>).</summary>
    public const string ModelResponsesContainer = "docpipeline-modelresponses";

    /// <summary>Event Grid / CloudEvents BlobCreated events and blob URLs.</summary>
    public const string IngestQueue = "ingest";

    /// <summary>Where the Functions host moves an <see cref="IngestQueue"/> message after five failed attempts.</summary>
    public const string IngestPoisonQueue = "ingest-poison";
}
