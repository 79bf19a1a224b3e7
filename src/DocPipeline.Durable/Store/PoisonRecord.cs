namespace DocPipeline.Durable.Store;

/// <summary>A message or activity call set aside because it kept crashing or stalling its worker.</summary>
/// <param name="InstanceId">The instance it belonged to.</param>
/// <param name="Kind">"orchestration" or "activity".</param>
/// <param name="Name">The activity or event name.</param>
/// <param name="Payload">The serialized message or input.</param>
/// <param name="DequeueCount">How many times it was handed out.</param>
/// <param name="Reason">Why it was set aside.</param>
/// <param name="RecordedAt">When.</param>
public sealed record PoisonRecord(string InstanceId, string Kind, string? Name, string? Payload, int DequeueCount, string Reason, DateTime RecordedAt);
