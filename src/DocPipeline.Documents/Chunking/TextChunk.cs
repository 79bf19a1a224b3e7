namespace DocPipeline.Documents.Chunking;

/// <summary>
/// A piece of a document. <see cref="Text"/> is always an exact substring of the document:
/// <c>document.Substring(CharOffset, Text.Length) == Text</c>.
/// </summary>
public sealed record TextChunk
{
    /// <summary>Position of the chunk in its split, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>The chunk text.</summary>
    public required string Text { get; init; }

    /// <summary>Estimated tokens of <see cref="Text"/> (see <see cref="TokenEstimator"/>).</summary>
    public required int EstimatedTokens { get; init; }

    /// <summary>Index of the first character of <see cref="Text"/> in the document.</summary>
    public required int CharOffset { get; init; }

    /// <summary>Number of leading characters repeated from the previous chunk; 0 without overlap.</summary>
    public int OverlapLength { get; init; }
}
