namespace DocPipeline.Documents.Extraction;

/// <summary>What a format reader produces before the extractor adds size, hash and file name.</summary>
internal sealed record RawExtraction(string Text)
{
    public string? Title { get; init; }

    public string? Author { get; init; }

    public int? PageCount { get; init; }

    public IReadOnlyList<string> Pages { get; init; } = [];

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
