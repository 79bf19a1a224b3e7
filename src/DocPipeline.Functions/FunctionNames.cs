using DocPipeline.Pipeline;

namespace DocPipeline.Functions;

/// <summary>The function names the app registers; the orchestrator and activity names are the pipeline's own.</summary>
public static class FunctionNames
{
    /// <summary>The orchestration.</summary>
    public const string DocumentPipeline = PipelineTaskNames.DocumentPipeline;

    /// <summary>Activity: extract text.</summary>
    public const string ExtractText = PipelineTaskNames.ExtractText;

    /// <summary>Activity: redact and chunk.</summary>
    public const string Sanitize = PipelineTaskNames.Sanitize;

    /// <summary>Activity: one chunk on one model.</summary>
    public const string AnalyzeChunk = PipelineTaskNames.AnalyzeChunk;

    /// <summary>Activity: halve an over-long chunk.</summary>
    public const string SplitChunk = PipelineTaskNames.SplitChunk;

    /// <summary>Activity: combine and validate.</summary>
    public const string Validate = PipelineTaskNames.Validate;

    /// <summary>Activity: write the result.</summary>
    public const string StoreResult = PipelineTaskNames.StoreResult;

    /// <summary>Activity: call the caller back.</summary>
    public const string NotifyCallback = PipelineTaskNames.NotifyCallback;

    /// <summary>HTTP: <c>POST /api/documents</c>.</summary>
    public const string UploadDocument = "UploadDocument";

    /// <summary>HTTP: <c>GET /api/documents/{id}/result</c>.</summary>
    public const string GetDocumentResult = "GetDocumentResult";

    /// <summary>Blob trigger on <see cref="StorageNames.IncomingContainer"/>.</summary>
    public const string IncomingBlob = "IncomingBlob";

    /// <summary>Queue trigger on <see cref="StorageNames.IngestQueue"/>.</summary>
    public const string IngestQueue = "IngestQueue";

    /// <summary>Timer that drains the Service Bus queue.</summary>
    public const string ServiceBusDrain = "ServiceBusDrain";

    /// <summary>The upload route (under the host's <c>api/</c> prefix).</summary>
    public const string DocumentsRoute = "documents";

    /// <summary>The result route.</summary>
    public const string ResultRoute = "documents/{instanceId}/result";
}
