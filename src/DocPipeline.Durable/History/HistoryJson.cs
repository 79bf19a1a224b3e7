using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocPipeline.Durable.History;

/// <summary>Fast (source-generated) JSON for history events, the payload stores write on every step.</summary>
public static class HistoryJson
{
    /// <summary>Serializes an event.</summary>
    /// <param name="historyEvent">The event.</param>
    public static string Serialize(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, HistoryJsonContext.Default.HistoryEvent);

    /// <summary>Deserializes an event.</summary>
    /// <param name="json">The JSON text.</param>
    public static HistoryEvent Deserialize(string json) =>
        JsonSerializer.Deserialize(json, HistoryJsonContext.Default.HistoryEvent) ?? throw new JsonException("A history event was null.");

    /// <summary>Serializes failure details.</summary>
    /// <param name="failure">The failure.</param>
    public static string? Serialize(TaskFailureDetails? failure) =>
        failure is null ? null : JsonSerializer.Serialize(failure, HistoryJsonContext.Default.TaskFailureDetails);

    /// <summary>Deserializes failure details.</summary>
    /// <param name="json">The JSON text.</param>
    public static TaskFailureDetails? DeserializeFailure(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, HistoryJsonContext.Default.TaskFailureDetails);
}

/// <summary>The generated serializer metadata.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(TaskFailureDetails))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
