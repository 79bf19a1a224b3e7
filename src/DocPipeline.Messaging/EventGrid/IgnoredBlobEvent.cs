namespace DocPipeline.Messaging.EventGrid;

/// <summary>A well-formed event that is not a blob creation (BlobDeleted, a subscription validation…) and was skipped.</summary>
/// <param name="EventType">The event's type.</param>
/// <param name="Subject">The event's subject, if any.</param>
/// <param name="EventId">The event's id, if any.</param>
/// <param name="Reason">Why it was skipped.</param>
public sealed record IgnoredBlobEvent(string EventType, string? Subject, string? EventId, string Reason);
