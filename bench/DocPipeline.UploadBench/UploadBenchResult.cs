using System.Text.Json.Serialization;

namespace DocPipeline.UploadBench;

/// <summary>The figures, printed as one JSON line.</summary>
internal sealed record UploadBenchResult(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("requests")] int Requests,
    [property: JsonPropertyName("p50Ms")] double P50Ms,
    [property: JsonPropertyName("p90Ms")] double P90Ms,
    [property: JsonPropertyName("p99Ms")] double P99Ms,
    [property: JsonPropertyName("maxMs")] double MaxMs,
    [property: JsonPropertyName("perSecond")] double PerSecond,
    [property: JsonPropertyName("errors")] int Errors,
    [property: JsonPropertyName("rate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Rate,
    [property: JsonPropertyName("lateP99Ms"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LateP99Ms);
