namespace DocPipeline.Documents.Extraction;

/// <summary>IANA media types of the supported kinds.</summary>
internal static class MediaTypes
{
    public static string Of(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "application/pdf",
        DocumentKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DocumentKind.Html => "text/html",
        DocumentKind.Markdown => "text/markdown",
        DocumentKind.Csv => "text/csv",
        DocumentKind.Json => "application/json",
        _ => "text/plain",
    };
}
