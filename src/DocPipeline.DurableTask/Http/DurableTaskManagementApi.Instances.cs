using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DocPipeline.DurableTask.Http;

/// <summary>GET /instances/{instanceId} and GET /instances.</summary>
public static partial class DurableTaskManagementApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    private static async Task<IResult> GetAsync(HttpContext context, string instanceId, [FromServices] DurableTaskClient client)
    {
        if (!InstanceIds.TryValidate(instanceId, "instance id", out var error) ||
            !StatusQueryOptions.TryRead(context.Request.Query, out var options, out error))
        {
            return BadRequest(error);
        }

        return await StatusResultAsync(context, client, instanceId, options, context.RequestAborted);
    }

    private static async Task<IResult> ListAsync(HttpContext context, [FromServices] DurableTaskClient client)
    {
        var query = context.Request.Query;
        if (!QueryParameters.TryGetDateTime(query, "createdTimeFrom", out var from, out var error) ||
            !QueryParameters.TryGetDateTime(query, "createdTimeTo", out var to, out error) ||
            !QueryParameters.TryGetStatuses(query, "runtimeStatus", out var statuses, out error) ||
            !QueryParameters.TryGetBoolean(query, "showInput", true, out var showInput, out error) ||
            !QueryParameters.TryGetPageSize(query, "top", DefaultPageSize, MaxPageSize, out var top, out error))
        {
            return BadRequest(error);
        }

        var token = context.Request.Headers[PayloadResult.ContinuationHeader].ToString().Trim();
        string? backendToken = null;
        if (token.Length > 0 && !ContinuationTokens.TryUnwrap(token, out backendToken))
        {
            return BadRequest($"The {PayloadResult.ContinuationHeader} header is not a token this API issued.");
        }

        Page<OrchestrationMetadata>? page = null;
        var filter = new OrchestrationQuery
        {
            CreatedFrom = ToOffset(from),
            CreatedTo = ToOffset(to),
            Statuses = statuses,
            InstanceIdPrefix = QueryParameters.GetText(query, "instanceIdPrefix"),
            PageSize = top,
            FetchInputsAndOutputs = true,
        };
        try
        {
            await foreach (var first in client.GetAllInstancesAsync(filter).AsPages(backendToken, top).WithCancellation(context.RequestAborted))
            {
                page = first;
                break;
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or Newtonsoft.Json.JsonException or Azure.RequestFailedException)
        {
            return BadRequest($"The {PayloadResult.ContinuationHeader} header is not a token this API issued.");
        }

        var payloads = (page?.Values ?? []).Select(i => StatusPayload.From(i, showInput)).ToList();
        return new PayloadResult(StatusCodes.Status200OK, payloads) { ContinuationToken = ContinuationTokens.Wrap(page?.ContinuationToken) };
    }
}
