using System.Text.Json.Serialization;

namespace DocPipeline.DurableTask.Http;

/// <summary>The body of a successful purge: how many instances were deleted.</summary>
/// <param name="InstancesDeleted">How many instances were deleted.</param>
public sealed record PurgeHistoryPayload([property: JsonPropertyName("instancesDeleted")] int InstancesDeleted);
