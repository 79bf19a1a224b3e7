using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.DurableTask.Http;

/// <summary>
/// The body of a 202 answer to a start (or an upload): links to check on and control the new instance, each with
/// <c>taskHub</c>, <c>connection</c> and, when one was given, <c>code</c> query parameters.
/// </summary>
public sealed record CheckStatusPayload
{
    /// <summary>The connection name links carry when the request names none (the Durable Functions default).</summary>
    public const string DefaultConnectionName = "Storage";

    /// <summary>The instance id.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>GET: the instance status.</summary>
    [JsonPropertyName("statusQueryGetUri")]
    public required string StatusQueryGetUri { get; init; }

    /// <summary>POST: raise an event; replace <c>{eventName}</c>.</summary>
    [JsonPropertyName("sendEventPostUri")]
    public required string SendEventPostUri { get; init; }

    /// <summary>POST: terminate; replace <c>{text}</c> with the reason.</summary>
    [JsonPropertyName("terminatePostUri")]
    public required string TerminatePostUri { get; init; }

    /// <summary>DELETE: purge the instance and its history.</summary>
    [JsonPropertyName("purgeHistoryDeleteUri")]
    public required string PurgeHistoryDeleteUri { get; init; }

    /// <summary>POST: restart with the original input.</summary>
    [JsonPropertyName("restartPostUri")]
    public required string RestartPostUri { get; init; }

    /// <summary>POST: suspend; replace <c>{text}</c> with the reason.</summary>
    [JsonPropertyName("suspendPostUri")]
    public required string SuspendPostUri { get; init; }

    /// <summary>POST: resume; replace <c>{text}</c> with the reason.</summary>
    [JsonPropertyName("resumePostUri")]
    public required string ResumePostUri { get; init; }

    /// <summary>
    /// Builds the links for an instance. The host, scheme and path base come from <paramref name="request"/>; the
    /// path comes from where the management API is mapped (<c>/runtime/webhooks/durabletask</c> when it is not mapped).
    /// The <c>connection</c> parameter repeats the request's, or is <see cref="DefaultConnectionName"/>.
    /// </summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="hubName">The task hub name.</param>
    /// <param name="code">The API key to put in the links; none when null or empty.</param>
    public static CheckStatusPayload Create(HttpRequest request, string instanceId, string hubName, string? code)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(hubName);
        var instanceUrl = InstanceUrl(request, instanceId);
        var connection = request.Query["connection"].ToString();
        var query = $"taskHub={Uri.EscapeDataString(hubName)}&connection={Uri.EscapeDataString(connection.Length > 0 ? connection : DefaultConnectionName)}";
        if (!string.IsNullOrEmpty(code))
        {
            query += "&code=" + Uri.EscapeDataString(code);
        }

        return new CheckStatusPayload
        {
            Id = instanceId,
            StatusQueryGetUri = $"{instanceUrl}?{query}",
            SendEventPostUri = $"{instanceUrl}/raiseEvent/{{eventName}}?{query}",
            TerminatePostUri = $"{instanceUrl}/terminate?reason={{text}}&{query}",
            PurgeHistoryDeleteUri = $"{instanceUrl}?{query}",
            RestartPostUri = $"{instanceUrl}/restart?{query}",
            SuspendPostUri = $"{instanceUrl}/suspend?reason={{text}}&{query}",
            ResumePostUri = $"{instanceUrl}/resume?reason={{text}}&{query}",
        };
    }

    private static string InstanceUrl(HttpRequest request, string instanceId)
    {
        var links = request.HttpContext.RequestServices?.GetService<LinkGenerator>();
        var url = links?.GetUriByName(request.HttpContext, DurableTaskManagementApi.GetInstanceEndpointName, new RouteValueDictionary { ["instanceId"] = instanceId });
        if (url is not null)
        {
            return url;
        }

        // The management API is not mapped in this process (an upload-only host): point at its standard place.
        return $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{DurableTaskManagementApi.DefaultPrefix}/instances/{Uri.EscapeDataString(instanceId)}";
    }
}
