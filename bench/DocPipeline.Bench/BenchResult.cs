using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocPipeline.Bench;

/// <summary>One benchmark figure, printed as one JSON object.</summary>
internal sealed record BenchResult(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("store")] string Store,
    [property: JsonPropertyName("operations")] int Operations,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("perSecond")] double PerSecond,
    [property: JsonPropertyName("p50Ms")] double P50Ms,
    [property: JsonPropertyName("p99Ms")] double P99Ms,
    [property: JsonPropertyName("durability")] string Durability)
{
    /// <summary>The engine measured: "v1" (the original runtime) or "dtfx" (DurableTask.Core TaskHubWorker).</summary>
    [JsonPropertyName("engine")]
    public string Engine { get; init; } = "v1";

    /// <summary>Process CPU time per activity, in microseconds (dtfx engine only).</summary>
    [JsonPropertyName("cpuUsPerActivity")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? CpuMicrosecondsPerActivity { get; init; }
}

/// <summary>Serializer settings for the result line.</summary>
internal static class BenchJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = false };
}
