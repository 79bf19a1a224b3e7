using System.Diagnostics;
using DocPipeline.Documents.Extraction;
using DocPipeline.DurableTask.Http;
using DocPipeline.Pipeline;
using DocPipeline.Host.Telemetry;
using DocPipeline.Pipeline.Telemetry;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Apis;

/// <content>The upload.</content>
public static partial class DocumentsApi
{
    private static async Task<IResult> UploadAsync(
        HttpContext context,
        DocumentSubmitter submitter,
        DocumentExtractor extractor,
        IOptions<PipelineOptions> options,
        PipelineTraceContexts traces,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        using var span = UploadSpan.Start(context);
        UploadRequest upload;
        string kind;
        try
        {
            upload = await UploadRequest.ReadAsync(context.Request, options.Value.MaxDocumentBytes, context.RequestAborted);
            try
            {
                kind = UploadSniffer.Check(extractor, upload.Content.Memory);
                CallbackPolicy.Check(upload.CallbackUrl, context.RequestServices);
            }
            catch
            {
                upload.Dispose();
                throw;
            }
        }
        catch (UploadProblem problem)
        {
            PipelineMetrics.Rejected(Trigger);
            logger.UploadRefused(problem.StatusCode, problem.Title);
            span?.SetTag("http.response.status_code", problem.StatusCode);
            span?.SetStatus(ActivityStatusCode.Error, problem.Title);
            return problem.ToResult();
        }

        using (upload)
        {
            var submission = await SubmitAsync(submitter, traces, upload, context.RequestAborted);
            PipelineMetrics.Submitted(Trigger, submission.Outcome);
            logger.UploadAccepted(submission.InstanceId, submission.Outcome.ToString(), upload.Content.Length, kind);
            if (span is not null)
            {
                span.SetTag("docpipeline.instance_id", submission.InstanceId);
                span.SetTag("docpipeline.outcome", submission.Outcome.ToString());
                span.SetTag("docpipeline.bytes", upload.Content.Length);
                span.SetTag("http.response.status_code", StatusCodes.Status202Accepted);
            }

            context.Response.Headers[OutcomeHeader] = submission.Outcome.ToString();
            return DurableHttpResults.Accepted(context, submission.InstanceId);
        }
    }

    private static Task<Submission> SubmitAsync(DocumentSubmitter submitter, PipelineTraceContexts traces, UploadRequest upload, CancellationToken cancellationToken) =>
        DocPipelineTelemetry.Source.HasListeners()
            ? SubmitTracedAsync(submitter, traces, upload, cancellationToken)
            : submitter.SubmitAsync(upload.Content.Memory, upload.Name, Trigger, upload.Reprocess, upload.CallbackUrl?.AbsoluteUri, cancellationToken);

    private static async Task<Submission> SubmitTracedAsync(DocumentSubmitter submitter, PipelineTraceContexts traces, UploadRequest upload, CancellationToken cancellationToken)
    {
        var content = upload.Content.Memory;
        using var start = DocPipelineTelemetry.Source.StartActivity("start " + DocumentPipelineOrchestrator.Name, ActivityKind.Producer);
        if (start is null)
        {
            return await submitter.SubmitAsync(content, upload.Name, Trigger, upload.Reprocess, upload.CallbackUrl?.AbsoluteUri, cancellationToken);
        }

        // The run's activities may start before SubmitAsync returns: record its trace under the id it will get.
        var instanceId = DocumentSubmitter.InstanceIdFor(DocumentSubmitter.Hash(content.Span));
        var previous = traces.Remember(instanceId, start.Context);
        start.SetTag("docpipeline.instance_id", instanceId);
        var submission = await submitter.SubmitAsync(content, upload.Name, Trigger, upload.Reprocess, upload.CallbackUrl?.AbsoluteUri, cancellationToken);
        if (submission.Outcome is SubmissionOutcome.AlreadyRunning or SubmissionOutcome.AlreadyCompleted)
        {
            traces.Restore(instanceId, previous);
        }

        start.SetTag("docpipeline.outcome", submission.Outcome.ToString());
        return submission;
    }
}
