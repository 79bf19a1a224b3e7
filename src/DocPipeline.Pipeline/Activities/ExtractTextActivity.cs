using DocPipeline.Documents.Extraction;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Storage;

namespace DocPipeline.Pipeline.Activities;

/// <summary>Step 1: detects the document type by content and extracts its text, within size limits.</summary>
public sealed class ExtractTextActivity(IArtifactStore artifacts, DocumentExtractor extractor) : PipelineActivity<ExtractTextInput, ExtractTextOutput>
{
    /// <inheritdoc />
    public override async Task<ExtractTextOutput> RunAsync(ExtractTextInput input, CancellationToken cancellationToken)
    {
        var bytes = await artifacts.GetAsync(input.DocumentKey, cancellationToken).ConfigureAwait(false);
        ExtractedDocument document;
        try
        {
            document = await extractor.ExtractAsync(bytes, input.SourceName, cancellationToken).ConfigureAwait(false);
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
        await artifacts.PutTextAsync(textKey, document.Text, cancellationToken).ConfigureAwait(false);
        string? pagesKey = null;
        if (document.Pages.Count > 1)
        {
            pagesKey = ArtifactKeys.Pages(input.InstanceId);
            await artifacts.PutJsonAsync(pagesKey, document.Pages, cancellationToken).ConfigureAwait(false);
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
