namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Compares the caller's file name with what the content turned out to be. The name never drives detection;
/// a mismatch only earns a warning so the uploader learns why the result may look unexpected.
/// </summary>
internal static class FileNameHint
{
    private enum Family
    {
        Pdf,
        Word,
        Text,
    }

    public static string? Warning(string? fileName, DocumentKind kind)
    {
        var extension = Path.GetExtension(fileName)?.ToLowerInvariant();
        Family? expected = extension switch
        {
            ".pdf" => Family.Pdf,
            ".docx" or ".docm" or ".dotx" or ".dotm" => Family.Word,
            ".txt" or ".text" or ".md" or ".markdown" or ".csv" or ".tsv" or ".json" or ".ndjson" or ".jsonl" or ".html" or ".htm" or ".xhtml" or ".log" => Family.Text,
            _ => null,
        };

        var actual = kind switch
        {
            DocumentKind.Pdf => Family.Pdf,
            DocumentKind.Docx => Family.Word,
            _ => Family.Text,
        };

        return expected is { } family && family != actual
            ? $"The file is named '{Path.GetFileName(fileName)}' but its content is {Describe(kind)}; it was read as {Describe(kind)}."
            : null;
    }

    private static string Describe(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "a PDF",
        DocumentKind.Docx => "a Word document",
        DocumentKind.Html => "HTML",
        DocumentKind.Markdown => "Markdown",
        DocumentKind.Csv => "CSV",
        DocumentKind.Json => "JSON",
        _ => "plain text",
    };
}
