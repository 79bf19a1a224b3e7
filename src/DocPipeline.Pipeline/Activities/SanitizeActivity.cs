using System.Globalization;
using DocPipeline.Documents.Chunking;
using DocPipeline.Documents.Sanitization;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Pipeline.Storage;
using Microsoft.Extensions.Options;

namespace DocPipeline.Pipeline.Activities;

/// <summary>
/// Step 2: cleans the text, redacts PII with typed placeholders and splits it into chunks. The map from original
/// values to placeholders stays in this process: it is not returned, stored or logged.
/// </summary>
public sealed class SanitizeActivity(IArtifactStore artifacts, TextSanitizer sanitizer, IOptions<PipelineOptions> options) : PipelineActivity<SanitizeInput, SanitizeOutput>
{
    /// <inheritdoc />
    public override async Task<SanitizeOutput> RunAsync(SanitizeInput input, CancellationToken cancellationToken)
    {
        SanitizedText sanitized;
        if (input.PagesKey is not null)
        {
            var pages = await artifacts.GetJsonAsync<List<string>>(input.PagesKey, cancellationToken).ConfigureAwait(false);
            sanitized = sanitizer.Sanitize(pages);
        }
        else
        {
            sanitized = sanitizer.Sanitize(await artifacts.GetTextAsync(input.TextKey, cancellationToken).ConfigureAwait(false));
        }

        if (string.IsNullOrWhiteSpace(sanitized.Text))
        {
            throw new PermanentPipelineException(
                "The document contains no text after clean-up (it may be empty, or only images or control characters).",
                new Dictionary<string, string> { ["stage"] = "sanitize", ["reason"] = "NoText" });
        }

        var sanitizedKey = ArtifactKeys.Sanitized(input.InstanceId);
        await artifacts.PutTextAsync(sanitizedKey, sanitized.Text, cancellationToken).ConfigureAwait(false);
        var settings = options.Value;
        var chunks = TextChunker.Split(sanitized.Text, new ChunkingOptions { MaxTokens = settings.MaxChunkTokens });
        if (chunks.Count > settings.MaxChunks)
        {
            throw new PermanentPipelineException(
                string.Create(CultureInfo.InvariantCulture, $"The document is too long: it needs {chunks.Count} chunks of {settings.MaxChunkTokens} tokens and the limit is {settings.MaxChunks} (Pipeline:MaxChunks)."),
                new Dictionary<string, string> { ["stage"] = "sanitize", ["reason"] = "TooManyChunks" });
        }

        var refs = new List<ChunkRef>(chunks.Count);
        foreach (var chunk in chunks)
        {
            var id = chunk.Index.ToString(CultureInfo.InvariantCulture);
            var key = ArtifactKeys.Chunk(input.InstanceId, id);
            await artifacts.PutTextAsync(key, chunk.Text, cancellationToken).ConfigureAwait(false);
            refs.Add(new ChunkRef(id, key, chunk.EstimatedTokens));
        }

        return new SanitizeOutput(sanitizedKey, sanitized.Text.Length, sanitized.RedactionCounts, refs);
    }
}
