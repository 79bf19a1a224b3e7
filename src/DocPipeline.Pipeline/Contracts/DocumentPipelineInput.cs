namespace DocPipeline.Pipeline.Contracts;

/// <summary>What starts a pipeline run: a stored document and where it came from.</summary>
/// <param name="DocumentKey">The artifact key of the original bytes.</param>
/// <param name="SourceName">The file name or blob name, for display only.</param>
/// <param name="ContentHash">SHA-256 of the content (hex).</param>
/// <param name="ByteSize">Size in bytes.</param>
/// <param name="ReceivedAt">When the document arrived (UTC).</param>
/// <param name="Plan">The settings this run follows.</param>
/// <param name="Trigger">How it arrived: cli, http, blob, queue, servicebus.</param>
/// <param name="CallbackUrl">Notified with the result, with retries, if set.</param>
/// <param name="TraceParent">
/// The W3C <c>traceparent</c> of the span that started the run, so its activities and model calls join that trace
/// in whichever worker runs them; null when nobody was tracing.
/// </param>
public sealed record DocumentPipelineInput(
    string DocumentKey,
    string SourceName,
    string ContentHash,
    long ByteSize,
    DateTime ReceivedAt,
    PipelinePlan Plan,
    string Trigger = "cli",
    string? CallbackUrl = null,
    string? TraceParent = null);
