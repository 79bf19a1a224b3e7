namespace DocPipeline.Documents.Chunking;

/// <summary>Sizes for <see cref="TextChunker.Split"/>, in estimated tokens (see <see cref="TokenEstimator"/>).</summary>
public sealed record ChunkingOptions
{
    /// <summary>Largest chunk, overlap included. Default 8,000.</summary>
    public int MaxTokens { get; init; } = 8_000;

    /// <summary>
    /// How much of the end of one chunk is repeated at the start of the next, taken at a sentence (or failing that a
    /// word) boundary. Default 0; at most half of <see cref="MaxTokens"/>.
    /// </summary>
    public int OverlapTokens { get; init; }

    internal void Validate()
    {
        if (MaxTokens < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "Must be at least 1.");
        }

        if (OverlapTokens < 0 || OverlapTokens > MaxTokens / 2)
        {
            throw new ArgumentOutOfRangeException(nameof(OverlapTokens), OverlapTokens, "Must be between 0 and half of MaxTokens.");
        }
    }
}
