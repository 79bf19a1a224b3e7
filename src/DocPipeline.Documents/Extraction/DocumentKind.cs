namespace DocPipeline.Documents.Extraction;

/// <summary>The document format detected from the content bytes (never from the file name).</summary>
public enum DocumentKind
{
    /// <summary>Portable Document Format (<c>%PDF-</c> header).</summary>
    Pdf = 1,

    /// <summary>Word Open XML document (<c>.docx</c>, <c>.docm</c>, <c>.dotx</c>).</summary>
    Docx = 2,

    /// <summary>HTML or XHTML markup.</summary>
    Html = 3,

    /// <summary>Plain text that matched no more specific text format.</summary>
    Text = 4,

    /// <summary>Markdown (headings, lists, links, code fences).</summary>
    Markdown = 5,

    /// <summary>Delimited rows (comma, semicolon, tab or pipe) with a consistent column count.</summary>
    Csv = 6,

    /// <summary>A JSON object or array, or newline-delimited JSON objects.</summary>
    Json = 7,
}
