namespace DocPipeline.Host.Pipeline.Contracts;

/// <summary>The custom status clients see at every step.</summary>
public sealed record PipelineStatus(
    string Stage,
    string Step,
    int Percent,
    int ChunksDone = 0,
    int ChunksTotal = 0,
    string? Model = null,
    string? LastError = null);
