using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace DocPipeline.DurableTask.Http;

/// <summary>DELETE /instances/{instanceId} and DELETE /instances.</summary>
public static partial class DurableTaskManagementApi
{
    private static async Task<IResult> PurgeAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
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

        // Purging a live instance would pull its state out from under the worker running it.
        if (!instance.RuntimeStatus.IsTerminal())
        {
            return PreconditionFailed($"Only orchestrations in a terminal state can be purged, but the orchestration with instance ID {instanceId} has status {instance.RuntimeStatus}.");
        }

        var result = await client.PurgeInstanceAsync(instanceId, cancellation: aborted);
        return result.PurgedInstanceCount > 0
            ? new PayloadResult(StatusCodes.Status200OK, new PurgeHistoryPayload(result.PurgedInstanceCount))
            : NotFound(instanceId);
    }

    private static async Task<IResult> PurgeManyAsync(HttpContext context, [FromServices] DurableTaskClient client)
    {
        var query = context.Request.Query;
        if (!QueryParameters.TryGetDateTime(query, "createdTimeFrom", out var from, out var error) ||
            !QueryParameters.TryGetDateTime(query, "createdTimeTo", out var to, out error) ||
            !QueryParameters.TryGetStatuses(query, "runtimeStatus", out var statuses, out error))
        {
            return BadRequest(error);
        }

        if (from is null)
        {
            return BadRequest("Please provide value for 'createdTimeFrom' parameter.");
        }

        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(ToOffset(from), ToOffset(to), statuses), cancellation: context.RequestAborted);
        var deleted = result.PurgedInstanceCount;
        return deleted > 0
            ? new PayloadResult(StatusCodes.Status200OK, new PurgeHistoryPayload(deleted))
            : TypedResults.Problem(detail: "No instances matched the filter.", statusCode: StatusCodes.Status404NotFound);
    }
}
