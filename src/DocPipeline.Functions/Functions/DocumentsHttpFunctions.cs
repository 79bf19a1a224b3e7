using System.Net;
using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DocPipeline.Functions.Functions;

/// <summary>
/// <c>POST /api/documents?name=…[&amp;reprocess=true]</c> (the body is the document) answers 202 with Durable
/// Functions' check-status body, as the standalone host does; <c>GET /api/documents/{instanceId}/result</c> returns
/// the stored result.
/// </summary>
public sealed class DocumentsHttpFunctions(DocumentIntake intake, IResultStore results, IOptions<PipelineOptions> options)
{
    /// <summary>The response header saying what an upload did: Started, Restarted, AlreadyRunning or AlreadyCompleted.</summary>
    public const string OutcomeHeader = "x-docpipeline-outcome";

    /// <summary>Stores the original and starts (or finds) its run.</summary>
    [Function(FunctionNames.UploadDocument)]
    public async Task<HttpResponseData> UploadAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = FunctionNames.DocumentsRoute)] HttpRequestData request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
        if (!string.IsNullOrEmpty(query["callbackUrl"]))
        {
            return await ProblemAsync(request, HttpStatusCode.BadRequest, "callbackUrl is not supported by the Functions app; poll the statusQueryGetUri instead.").ConfigureAwait(false);
        }

        var limit = options.Value.MaxDocumentBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return await ProblemAsync(request, HttpStatusCode.RequestEntityTooLarge, $"The document is larger than {limit} bytes (Pipeline:MaxDocumentBytes).").ConfigureAwait(false);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return await ProblemAsync(request, HttpStatusCode.BadRequest, "The request body is empty: send the document as the body.").ConfigureAwait(false);
        }

        var name = string.IsNullOrWhiteSpace(query["name"]) ? "upload" : Path.GetFileName(query["name"]!.Trim());
        var reprocess = bool.TryParse(query["reprocess"], out var r) && r;
        var submission = await intake.Submitter(client).SubmitAsync(buffer.ToArray(), name, "http", reprocess, cancellationToken: cancellationToken).ConfigureAwait(false);
        var response = await client.CreateCheckStatusResponseAsync(request, submission.InstanceId, cancellationToken).ConfigureAwait(false);
        response.Headers.Add(OutcomeHeader, submission.Outcome.ToString());
        return response;
    }

    /// <summary>200 with the result once completed; 202 while running; 422 with the reason when failed; 404 when unknown.</summary>
    [Function(FunctionNames.GetDocumentResult)]
    public async Task<HttpResponseData> GetResultAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = FunctionNames.ResultRoute)] HttpRequestData request,
        string instanceId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        if (string.IsNullOrWhiteSpace(instanceId) || instanceId.Length > 256 || instanceId.Any(char.IsControl))
        {
            return await ProblemAsync(request, HttpStatusCode.BadRequest, "The instance id is not valid.").ConfigureAwait(false);
        }

        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return await ProblemAsync(request, HttpStatusCode.NotFound, $"No document run with id '{instanceId}' exists.").ConfigureAwait(false);
        }

        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                if (await results.ReadAsync(instanceId, cancellationToken).ConfigureAwait(false) is not { } json)
                {
                    return await ProblemAsync(request, HttpStatusCode.NotFound, $"Run '{instanceId}' completed, but its result is no longer stored.").ConfigureAwait(false);
                }

                var ok = request.CreateResponse(HttpStatusCode.OK);
                ok.Headers.Add("Content-Type", "application/json; charset=utf-8");
                await ok.WriteStringAsync(json, cancellationToken).ConfigureAwait(false);
                return ok;
            case OrchestrationRuntimeStatus.Failed:
                return await ProblemAsync(request, HttpStatusCode.UnprocessableEntity, instance.FailureDetails?.ErrorMessage ?? "The run failed.").ConfigureAwait(false);
            case OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Suspended:
                return await ProblemAsync(request, HttpStatusCode.Conflict, $"Run '{instanceId}' is {instance.RuntimeStatus.ToString().ToLowerInvariant()} and has no result.").ConfigureAwait(false);
            default:
                return await client.CreateCheckStatusResponseAsync(request, instanceId, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<HttpResponseData> ProblemAsync(HttpRequestData request, HttpStatusCode status, string detail)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/problem+json; charset=utf-8");
        await response.WriteStringAsync(System.Text.Json.JsonSerializer.Serialize(new { status = (int)status, title = status.ToString(), detail })).ConfigureAwait(false);
        return response;
    }
}
