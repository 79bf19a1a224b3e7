using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.DurableTask.Client;

namespace DocPipeline.DurableTask.Http;

/// <summary>
/// The status of one orchestration instance as the management API returns it (the Durable Functions shape:
/// camelCase names, times as <c>yyyy-MM-ddTHH:mm:ssZ</c>, payloads as raw JSON).
/// </summary>
public sealed record StatusPayload
{
    /// <summary>The orchestrator name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The instance id.</summary>
    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; init; }

    /// <summary>The runtime status name, for example <c>Running</c> or <c>Completed</c>.</summary>
    [JsonPropertyName("runtimeStatus")]
    public required string RuntimeStatus { get; init; }

    /// <summary>The input; null when there is none or when it was not requested.</summary>
    [JsonPropertyName("input")]
    public JsonElement? Input { get; init; }

    /// <summary>The custom status the orchestrator last set.</summary>
    [JsonPropertyName("customStatus")]
    public JsonElement? CustomStatus { get; init; }

    /// <summary>The output; for failed instances the error message, for terminated ones the reason.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; init; }

    /// <summary>When the instance was created (UTC, seconds precision).</summary>
    [JsonPropertyName("createdTime")]
    public required string CreatedTime { get; init; }

    /// <summary>When the instance last changed (UTC, seconds precision).</summary>
    [JsonPropertyName("lastUpdatedTime")]
    public required string LastUpdatedTime { get; init; }

    /// <summary>The history, only when requested with <c>showHistory=true</c>; left out of the JSON otherwise.</summary>
    [JsonPropertyName("historyEvents")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? HistoryEvents { get; init; }

    /// <summary>Builds the payload from instance metadata.</summary>
    /// <param name="instance">The instance, read with its payloads.</param>
    /// <param name="showInput">Whether to include the input.</param>
    /// <param name="historyEvents">The converted history, or null to leave it out.</param>
    public static StatusPayload From(OrchestrationMetadata instance, bool showInput = true, JsonArray? historyEvents = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new StatusPayload
        {
            Name = instance.Name,
            InstanceId = instance.InstanceId,
            RuntimeStatus = instance.RuntimeStatus.ToString(),
            Input = showInput ? HttpJson.ToElement(instance.SerializedInput) : null,
            CustomStatus = HttpJson.ToElement(instance.SerializedCustomStatus),
            Output = HttpJson.ToElement(instance.SerializedOutput),
            CreatedTime = HttpJson.FormatStatusTime(instance.CreatedAt),
            LastUpdatedTime = HttpJson.FormatStatusTime(instance.LastUpdatedAt),
            HistoryEvents = historyEvents,
        };
    }
}
