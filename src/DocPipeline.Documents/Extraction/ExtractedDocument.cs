namespace DocPipeline.Documents.Extraction;

/// <summary>The outcome of the ExtractText stage: the document's text plus what is known about the source bytes.</summary>
public sealed record ExtractedDocument
{
    /// <summary>The format detected from the content.</summary>
    public required DocumentKind Kind { get; init; }

    /// <summary>The IANA media type of <see cref="Kind"/>, for example <c>application/pdf</c>.</summary>
    public required string MediaType { get; init; }

    /// <summary>
    /// The extracted text with <c>\n</c> line endings. For PDF, DOCX and HTML, blocks (pages, paragraphs, tables,
    /// list items) are separated by a blank line and table rows are single lines with cells separated by <c> | </c>;
    /// plain text, Markdown and CSV keep their own lines; JSON is indented.
    /// </summary>
    public required string Text { get; init; }

    /// <summary>The file name supplied by the caller, for display only; it played no part in detection.</summary>
    public string? FileName { get; init; }

    /// <summary>The document title from its metadata (PDF info, DOCX core properties, HTML &lt;title&gt;, first Markdown heading).</summary>
    public string? Title { get; init; }

    /// <summary>The author from the document's metadata, when present.</summary>
    public string? Author { get; init; }

    /// <summary>The number of pages for a PDF; <see langword="null"/> for other kinds.</summary>
    public int? PageCount { get; init; }

    /// <summary>
    /// The text of each PDF page in order (so repeated headers and footers can be recognised later);
    /// empty for other kinds. <see cref="Text"/> is these pages joined by a blank line.
    /// </summary>
    public IReadOnlyList<string> Pages { get; init; } = [];

    /// <summary>The size of the source content in bytes.</summary>
    public required long ByteSize { get; init; }

    /// <summary>SHA-256 of the source content as lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The length of <see cref="Text"/> in UTF-16 code units.</summary>
    public int CharCount => Text.Length;

    /// <summary>Things the reader should know that did not stop extraction (skipped pages, hidden elements, misleading file name).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
