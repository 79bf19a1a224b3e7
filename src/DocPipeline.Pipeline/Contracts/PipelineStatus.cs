using System.Text.Json.Serialization;

namespace DocPipeline.Pipeline.Contracts;

/// <summary>
/// The custom status clients see at every step. The field names are fixed here, so the status reads the same
/// (<c>{stage, step, percent, chunksDone, chunksTotal, model, lastError}</c>) whichever data converter a host uses.
/// </summary>
public sealed record PipelineStatus(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("step")] string Step,
    [property: JsonPropertyName("percent")] int Percent,
    [property: JsonPropertyName("chunksDone")] int ChunksDone = 0,
    [property: JsonPropertyName("chunksTotal")] int ChunksTotal = 0,
    [property: JsonPropertyName("model"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model = null,
    [property: JsonPropertyName("lastError"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastError = null);
