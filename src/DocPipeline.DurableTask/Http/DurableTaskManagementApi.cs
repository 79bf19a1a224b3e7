using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace DocPipeline.DurableTask.Http;

/// <summary>
/// The Durable Functions management HTTP API (start, status, list, purge, terminate, suspend, resume, rewind,
/// restart, raise event) over <see cref="DurableTaskClient"/>, with the same routes, status codes and JSON.
/// </summary>
public static partial class DurableTaskManagementApi
{
    /// <summary>Where Durable Functions serves the API.</summary>
    public const string DefaultPrefix = "/runtime/webhooks/durabletask";

    /// <summary>The name of the status endpoint; check-status links are generated from it.</summary>
    internal const string GetInstanceEndpointName = "DurableTaskManagementApi.GetInstanceStatus";

    /// <summary>
    /// Maps the API under <paramref name="prefix"/>. Handlers use the registered <see cref="DurableTaskClient"/>
    /// and the hub name from <see cref="DurableTaskHostOptions"/>. Map it once per application: the status endpoint is
    /// named so that check-status links can find it.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="prefix">The route prefix.</param>
    /// <returns>The route group, so the host can add authorization or filters (for example an API key check).</returns>
    public static RouteGroupBuilder MapDurableTaskManagementApi(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var group = endpoints.MapGroup(prefix);
        group.MapPost("orchestrators/{functionName}/{instanceId?}", StartAsync);
        group.MapGet("instances", ListAsync);
        group.MapDelete("instances", PurgeManyAsync);
        group.MapGet("instances/{instanceId}", GetAsync).WithName(GetInstanceEndpointName);
        group.MapDelete("instances/{instanceId}", PurgeAsync);
        group.MapPost("instances/{instanceId}/terminate", TerminateAsync);
        group.MapPost("instances/{instanceId}/suspend", SuspendAsync);
        group.MapPost("instances/{instanceId}/resume", ResumeAsync);
        group.MapPost("instances/{instanceId}/rewind", RewindAsync);
        group.MapPost("instances/{instanceId}/restart", RestartAsync);
        group.MapPost("instances/{instanceId}/raiseEvent/{eventName}", RaiseEventAsync);
        return group;
    }

    /// <summary>
    /// The status answer Durable Functions gives: 202 with Location (this URL) and Retry-After: 5 while the instance
    /// is active, 200 once it is finished (500 for Failed when asked), 404 when unknown.
    /// </summary>
    private static async Task<IResult> StatusResultAsync(HttpContext context, DurableTaskClient client, string instanceId, StatusQueryOptions options, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return NotFound(instanceId);
        }

        JsonArray? history = null;
        if (options.ShowHistory && instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
        {
            var events = await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken);
            if (events.Count > 0)
            {
                history = HistoryPayload.Create(events, options.ShowHistoryOutput, options.ShowInput);
            }
        }

        var payload = StatusPayload.From(instance, options.ShowInput, history);
        var status = instance.RuntimeStatus;
        if (status.IsActive())
        {
            return new PayloadResult(StatusCodes.Status202Accepted, payload) { Location = context.Request.GetEncodedUrl(), RetryAfterSeconds = 5 };
        }

        if (status == OrchestrationRuntimeStatus.Failed)
        {
            return new PayloadResult(options.ReturnInternalServerErrorOnFailure ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK, payload);
        }

        return new PayloadResult(status.IsTerminal() ? StatusCodes.Status200OK : StatusCodes.Status500InternalServerError, payload);
    }

    /// <summary>
    /// After a start or restart: with a timeout, waits for the instance to finish and answers 200 with the output
    /// (Completed) or the status (Failed, Terminated, Canceled); otherwise, or when time runs out, 202 with the
    /// check-status body.
    /// </summary>
    private static async Task<IResult> AcceptedOrWaitAsync(HttpContext context, DurableTaskClient client, string hubName, string instanceId, TimeSpan? timeout, StatusQueryOptions status)
    {
        var aborted = context.RequestAborted;
        if (timeout is { } wait)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            deadline.CancelAfter(wait);
            try
            {
                var done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
                if (done.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
                {
                    return new PayloadResult(StatusCodes.Status200OK, HttpJson.ToElement(done.SerializedOutput));
                }

                return await StatusResultAsync(context, client, instanceId, status with { ReturnInternalServerErrorOnFailure = false }, aborted);
            }
            catch (Exception) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested)
            {
                // Out of time (the store may report the interrupted read as its own exception): answer 202 below.
            }
            catch (InvalidOperationException)
            {
                // Purged while waiting: the check-status links still say where to look.
            }
        }

        return DurableHttpResults.Accepted(CheckStatusPayload.Create(context.Request, instanceId, hubName, context.Request.Query["code"].ToString()));
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>Parses a JSON body; a JSON <c>null</c> becomes a null value.</summary>
    private static bool TryParseJson(string text, out JsonElement? value)
    {
        value = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Null)
            {
                value = document.RootElement.Clone();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static DateTimeOffset? ToOffset(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult NotFound(string instanceId) =>
        TypedResults.Problem(detail: $"No orchestration instance with id '{instanceId}' exists.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status410Gone);

    private static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status412PreconditionFailed);

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict);
}
