using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DocPipeline.DurableTask.Http;

/// <summary>POST /instances/{instanceId}/terminate, /suspend, /resume, /rewind and /restart.</summary>
public static partial class DurableTaskManagementApi
{
    private static Task<IResult> TerminateAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, "terminated", (id, reason, ct) => client.TerminateInstanceAsync(id, reason, ct));

    private static Task<IResult> SuspendAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, "suspended", (id, reason, ct) => client.SuspendInstanceAsync(id, reason, ct));

    private static Task<IResult> ResumeAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(context, instanceId, client, "resumed", (id, reason, ct) => client.ResumeInstanceAsync(id, reason, ct));

    /// <summary>202 once the request is queued; 404 when unknown; 410 when the instance has already finished.</summary>
    private static async Task<IResult> ControlAsync(
        HttpContext context,
        string instanceId,
        DurableTaskClient client,
        string verb,
        Func<string, string?, CancellationToken, Task> operation)
    {
        if (!InstanceIds.TryValidate(instanceId, "instance id", out var error))
        {
            return BadRequest(error);
        }

        var aborted = context.RequestAborted;
        var instance = await client.GetInstanceAsync(instanceId, cancellation: aborted);
        if (instance is null)
        {
            return NotFound(instanceId);
        }

        if (instance.RuntimeStatus.IsTerminal())
        {
            return Gone($"Instance '{instanceId}' is {instance.RuntimeStatus}; it can no longer be {verb}.");
        }

        await operation(instanceId, QueryParameters.GetText(context.Request.Query, "reason"), aborted);

        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// 202 for a Failed instance; 410 for Completed, Terminated and Canceled (there is nothing to re-run); 412 for an
    /// instance that is still active (it has not failed yet); 404 when unknown.
    /// </summary>
    private static async Task<IResult> RewindAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
    {
        if (!InstanceIds.TryValidate(instanceId, "instance id", out var error))
        {
            return BadRequest(error);
        }

        var aborted = context.RequestAborted;
        var instance = await client.GetInstanceAsync(instanceId, cancellation: aborted);
        if (instance is null)
        {
            return NotFound(instanceId);
        }

        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            return RewindRefused(instanceId, instance.RuntimeStatus);
        }

        try
        {
            await client.RewindInstanceAsync(instanceId, QueryParameters.GetText(context.Request.Query, "reason") ?? string.Empty, aborted);
        }
        catch (NotSupportedException ex)
        {
            return TypedResults.Problem(detail: ex.Message, statusCode: StatusCodes.Status501NotImplemented);
        }

        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }

    private static IResult RewindRefused(string instanceId, OrchestrationRuntimeStatus status)
    {
        var detail = $"This orchestration has status {status}, but only orchestrations in the \"Failed\" state can be rewound (instance '{instanceId}').";
        return status.IsTerminal() ? Gone(detail) : PreconditionFailed(detail);
    }

    /// <summary>
    /// Starts a finished instance again with its input: 202 with the check-status body (or, with <c>timeout</c>, the
    /// outcome). As in Durable Functions, an unknown instance is a 400 and a still-active one a 409.
    /// </summary>
    private static async Task<IResult> RestartAsync(
        HttpContext context,
        string instanceId,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptions<DurableTaskHostOptions> options)
    {
        var query = context.Request.Query;
        if (!InstanceIds.TryValidate(instanceId, "instance id", out var error) ||
            !QueryParameters.TryGetBoolean(query, "restartWithNewInstanceId", false, out var newId, out error) ||
            !QueryParameters.TryGetSeconds(query, "timeout", out var timeout, out error) ||
            !QueryParameters.TryGetSeconds(query, "pollingInterval", out var pollingInterval, out error) ||
            !StatusQueryOptions.TryRead(query, out var status, out error))
        {
            return BadRequest(error);
        }

        if (timeout is { } t && pollingInterval is { } p && p > t)
        {
            return BadRequest($"The pollingInterval ({p.TotalSeconds} s) must not be longer than the timeout ({t.TotalSeconds} s).");
        }

        string restartedId;
        try
        {
            restartedId = await client.RestartAsync(instanceId, newId, context.RequestAborted);
        }
        catch (ArgumentException)
        {
            return BadRequest($"InstanceId '{instanceId}' does not match a valid orchestration instance.");
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return Conflict($"A non-terminal instance with the instance ID '{instanceId}' already exists; restart it after it finishes, or use restartWithNewInstanceId=true.");
        }

        return await AcceptedOrWaitAsync(context, client, options.Value.HubName, restartedId, timeout, status);
    }
}
