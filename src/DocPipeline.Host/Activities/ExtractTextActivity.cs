using DocPipeline.Documents.Extraction;
using DocPipeline.Durable;
using DocPipeline.Host.Pipeline;
using DocPipeline.Host.Pipeline.Contracts;
using DocPipeline.Host.Storage;

namespace DocPipeline.Host.Activities;

/// <summary>Step 1: detects the document type by content and extracts its text, within size limits.</summary>
public sealed class ExtractTextActivity(IArtifactStore artifacts, DocumentExtractor extractor) : TaskActivity<ExtractTextInput, ExtractTextOutput>
{
    /// <inheritdoc />
    public override async Task<ExtractTextOutput> RunAsync(ExtractTextInput input, CancellationToken cancellationToken)
    {
        var bytes = await artifacts.GetAsync(input.DocumentKey, cancellationToken);
        ExtractedDocument document;
        try
        {
            document = await extractor.ExtractAsync(bytes, input.SourceName, cancellationToken);
        }
        catch (DocumentRejectedException ex)
        {
            throw new PermanentPipelineException(ex.Message, new Dictionary<string, string>
            {
                ["stage"] = "extract",
                ["reason"] = ex.Reason.ToString(),
            }, ex);
        }

        var textKey = ArtifactKeys.Text(input.InstanceId);
        await artifacts.PutTextAsync(textKey, document.Text, cancellationToken);
        string? pagesKey = null;
        if (document.Pages.Count > 1)
        {
            pagesKey = ArtifactKeys.Pages(input.InstanceId);
            await artifacts.PutJsonAsync(pagesKey, document.Pages, cancellationToken);
        }

        return new ExtractTextOutput(
            document.Kind.ToString().ToLowerInvariant(),
            document.MediaType,
            textKey,
            pagesKey,
            document.PageCount,
            document.CharCount,
            document.ByteSize,
            document.Title,
            document.Author,
            document.Warnings);
    }
}
