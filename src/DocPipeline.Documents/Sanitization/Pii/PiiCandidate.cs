namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>A detected value: its place in the text and the key that makes equal values share a placeholder.</summary>
internal readonly record struct PiiCandidate(PiiType Type, int Start, int Length, string Key)
{
    public int End => Start + Length;
}
