using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.DurableTask;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DocPipeline.DurableTask.Http;
using DocPipeline.Pipeline.Storage;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Apis;

/// <content>The result.</content>
public static partial class DocumentsApi
{
    private const int MaxInstanceIdLength = 256;

    /// <summary>
    /// 200 with the stored result JSON once the run completed; 202 (with <c>Location</c> and <c>Retry-After</c>) while
    /// it runs; 409 when it is suspended, terminated or canceled; 422 (or 500 for an unexpected error) with the
    /// reason when it failed; 404 when the id is unknown or the result is gone.
    /// </summary>
    private static async Task<IResult> GetResultAsync(string instanceId, HttpContext context, DurableTaskClient client, IResultStore results, IOptions<DurableTaskHostOptions> durable)
    {
        if (instanceId.Length > MaxInstanceIdLength || instanceId.Any(char.IsControl))
        {
            return Problem(StatusCodes.Status400BadRequest, "Bad request", "The instance id is not valid.", instanceId: null);
        }

        var cancellationToken = context.RequestAborted;
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Not found", $"No document run with id '{instanceId}' exists.", instanceId);
        }

        switch (instance.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Completed:
                return await results.ReadAsync(instanceId, cancellationToken) is { } json
                    ? Results.Text(json, "application/json; charset=utf-8", statusCode: StatusCodes.Status200OK)
                    : Problem(StatusCodes.Status404NotFound, "Result not found", $"Run '{instanceId}' completed, but its result is no longer stored.", instanceId);
            case OrchestrationRuntimeStatus.Failed:
                return Failed(instance.FailureDetails, instance.ReadCustomStatusAs<PipelineStatus>(), instanceId);
            case OrchestrationRuntimeStatus.Suspended:
                return Problem(StatusCodes.Status409Conflict, "Run suspended", $"Run '{instanceId}' is suspended: resume it to get a result.", instanceId);
#pragma warning disable CS0618 // DTFx backends still report Canceled.
            case OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled:
#pragma warning restore CS0618
                return Problem(StatusCodes.Status409Conflict, "Run ended without a result", $"Run '{instanceId}' was {instance.RuntimeStatus.ToString().ToLowerInvariant()} and has no result; upload the document again with reprocess=true to run it again.", instanceId);
            default:
                context.Response.Headers.Location = context.Request.GetEncodedUrl();
                context.Response.Headers.RetryAfter = "5";
                var links = CheckStatusPayload.Create(context.Request, instanceId, durable.Value.HubName, context.Request.Query["code"].ToString());
                return TypedResults.Json(
                    new
                    {
                        id = instanceId,
                        runtimeStatus = instance.RuntimeStatus.ToString(),
                        customStatus = ParseJson(instance.SerializedCustomStatus),
                        statusQueryGetUri = links.StatusQueryGetUri,
                    },
                    statusCode: StatusCodes.Status202Accepted);
        }
    }

    private static IResult Failed(TaskFailureDetails? failure, PipelineStatus? progress, string instanceId)
    {
        // The innermost failure is the one written for people (for example why a document was rejected).
        var cause = failure;
        while (cause?.InnerFailure is { } inner)
        {
            cause = inner;
        }

        var permanent = (failure is not null && TaskFailures.IsPermanent(failure)) || (cause is not null && TaskFailures.IsPermanent(cause));
        var extensions = new Dictionary<string, object?>
        {
            ["instanceId"] = instanceId,
            ["errorType"] = cause?.ErrorType,
        };
        foreach (var (key, value) in failure is not null ? TaskFailures.Properties(failure) : cause is not null ? TaskFailures.Properties(cause) : new Dictionary<string, string>())
        {
            extensions.TryAdd(key, value);
        }

        // Failures the orchestrator raises itself carry no properties on every backend; the step it reached names the stage.
        if (!extensions.ContainsKey("stage") && StageOf(progress) is { } stage)
        {
            extensions["stage"] = stage;
        }

        return TypedResults.Problem(
            detail: failure?.ErrorMessage ?? "The run failed without a recorded reason.",
            statusCode: permanent ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status500InternalServerError,
            title: "Document processing failed",
            extensions: extensions);
    }

    private static string? StageOf(PipelineStatus? progress) =>
        progress?.Step.Split('/')[0] switch
        {
            "1" => "extract",
            "2" => "sanitize",
            "3" => "infer",
            "4" => "validate",
            "5" => "store",
            _ => null,
        };

    private static IResult Problem(int status, string title, string detail, string? instanceId) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: instanceId is null ? null : new Dictionary<string, object?> { ["instanceId"] = instanceId });

    private static JsonElement? ParseJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
