namespace DocPipeline.Messaging.EventGrid;

/// <summary>A blob that was created (committed), as reported by one notification.</summary>
public sealed record BlobCreatedNotification
{
    /// <summary>The container name.</summary>
    public required string Container { get; init; }

    /// <summary>The blob name, URL-decoded, with virtual folders separated by <c>/</c>.</summary>
    public required string BlobName { get; init; }

    /// <summary>The shape the notification arrived in.</summary>
    public required BlobEventFormat Format { get; init; }

    /// <summary>The blob URL, when the notification carried one (it may include a query such as a SAS token).</summary>
    public Uri? Url { get; init; }

    /// <summary>The storage account name, when the topic, source or URL reveals it.</summary>
    public string? AccountName { get; init; }

    /// <summary>The blob's ETag after the write.</summary>
    public string? ETag { get; init; }

    /// <summary>The blob size in bytes.</summary>
    public long? ContentLength { get; init; }

    /// <summary>The blob's content type.</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// The opaque sequencer; compare two events of the same blob as strings (ordinal) to order them.
    /// </summary>
    public string? Sequencer { get; init; }

    /// <summary>The storage operation that created the blob (<c>PutBlob</c>, <c>PutBlockList</c>, <c>CopyBlob</c>…).</summary>
    public string? Api { get; init; }

    /// <summary>The blob type (<c>BlockBlob</c>…).</summary>
    public string? BlobType { get; init; }

    /// <summary>The event id; Event Grid may deliver the same id more than once.</summary>
    public string? EventId { get; init; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset? EventTime { get; init; }
}
