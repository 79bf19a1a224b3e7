using System.Globalization;
using DocPipeline.Documents.Chunking;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Storage;

namespace DocPipeline.Pipeline.Activities;

/// <summary>Halves a chunk the model rejected as too long, on paragraph or sentence boundaries.</summary>
public sealed class SplitChunkActivity(IArtifactStore artifacts) : PipelineActivity<SplitChunkInput, IReadOnlyList<ChunkRef>>
{
    /// <inheritdoc />
    public override async Task<IReadOnlyList<ChunkRef>> RunAsync(SplitChunkInput input, CancellationToken cancellationToken)
    {
        var text = await artifacts.GetTextAsync(input.Chunk.Key, cancellationToken).ConfigureAwait(false);
        var chunk = new TextChunk { Index = 0, Text = text, EstimatedTokens = input.Chunk.EstimatedTokens, CharOffset = 0 };
        var parts = TextChunker.Resplit(chunk, Math.Max(1, input.Chunk.EstimatedTokens / 2));
        var refs = new List<ChunkRef>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var id = input.Chunk.Id + "." + i.ToString(CultureInfo.InvariantCulture);
            var key = ArtifactKeys.Chunk(input.InstanceId, id);
            await artifacts.PutTextAsync(key, parts[i].Text, cancellationToken).ConfigureAwait(false);
            refs.Add(new ChunkRef(id, key, parts[i].EstimatedTokens));
        }

        return refs;
    }
}
