using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;

namespace DocPipeline.DurableTask.Http;

/// <summary>POST /instances/{instanceId}/raiseEvent/{eventName}.</summary>
public static partial class DurableTaskManagementApi
{
    /// <summary>
    /// 202 once the event is queued; 404 when unknown; 410 when finished; 400 unless the body is JSON sent as
    /// <c>application/json</c>. The instance is checked before the body, the order Durable Functions uses.
    /// </summary>
    private static async Task<IResult> RaiseEventAsync(HttpContext context, string instanceId, string eventName, [FromServices] DurableTaskClient client)
    {
        if (!InstanceIds.TryValidate(instanceId, "instance id", out var error) ||
            !InstanceIds.TryValidate(eventName, "event name", out error))
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
            return Gone($"Instance '{instanceId}' is {instance.RuntimeStatus}; it can no longer receive events.");
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType) ||
            !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest("Only application/json request content is supported.");
        }

        var body = await ReadBodyAsync(context.Request, aborted);
        if (string.IsNullOrWhiteSpace(body) || !TryParseJson(body, out var payload))
        {
            return BadRequest("Invalid JSON content: the event data must be a JSON value (use null for none).");
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, aborted);

        return TypedResults.StatusCode(StatusCodes.Status202Accepted);
    }
}
