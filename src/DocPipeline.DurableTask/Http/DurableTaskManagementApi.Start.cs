using System.Text.Json;
using DurableTask.Core.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DocPipeline.DurableTask.Http;

/// <summary>POST /orchestrators/{functionName}/{instanceId?}.</summary>
public static partial class DurableTaskManagementApi
{
    private static async Task<IResult> StartAsync(
        HttpContext context,
        string functionName,
        string? instanceId,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptions<DurableTaskHostOptions> options)
    {
        var aborted = context.RequestAborted;
        var query = context.Request.Query;
        if (!InstanceIds.TryValidate(functionName, "orchestrator name", out var error) ||
            (!string.IsNullOrEmpty(instanceId) && !InstanceIds.TryValidate(instanceId, "instance id", out error)) ||
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

        // A client-only process may register no orchestrators; only a process that knows them can reject a name.
        var registry = context.RequestServices.GetService<DurableTaskHostRegistry>();
        if (registry is not null && registry.OrchestratorNames.Any() &&
            !registry.OrchestratorNames.Contains(functionName, StringComparer.OrdinalIgnoreCase))
        {
            return BadRequest($"The function '{functionName}' doesn't exist or is not an orchestrator function.");
        }

        var body = await ReadBodyAsync(context.Request, aborted);
        JsonElement? input = null;
        if (!string.IsNullOrWhiteSpace(body) && !TryParseJson(body, out input))
        {
            return BadRequest("Invalid JSON content: the request body must be JSON (or empty for no input).");
        }

        var id = string.IsNullOrEmpty(instanceId) ? Guid.NewGuid().ToString("N") : instanceId;
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(functionName, input, new StartOrchestrationOptions(id), aborted);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Conflict(ex.Message);
        }
        catch (ArgumentException ex)
        {
            return BadRequest(ex.Message);
        }

        return await AcceptedOrWaitAsync(context, client, options.Value.HubName, id, timeout, status);
    }
}
