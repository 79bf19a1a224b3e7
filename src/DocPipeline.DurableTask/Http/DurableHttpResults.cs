using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DocPipeline.DurableTask.Http;

/// <summary>HTTP answers other endpoints (uploads, triggers) share with the management API.</summary>
public static class DurableHttpResults
{
    /// <summary>
    /// 202 Accepted with the check-status body (<see cref="CheckStatusPayload"/>), <c>Location</c> set to its
    /// <c>statusQueryGetUri</c> and <c>Retry-After: 10</c>. The hub name comes from <see cref="DurableTaskHostOptions"/>;
    /// the links repeat the request's <c>code</c> query parameter when it has one.
    /// </summary>
    /// <param name="context">The request being answered.</param>
    /// <param name="instanceId">The started instance.</param>
    public static IResult Accepted(HttpContext context, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hubName = context.RequestServices?.GetService<IOptions<DurableTaskHostOptions>>()?.Value.HubName ?? new DurableTaskHostOptions().HubName;
        var code = context.Request.Query["code"].ToString();
        return Accepted(CheckStatusPayload.Create(context.Request, instanceId, hubName, code));
    }

    /// <summary>202 Accepted with a check-status body already built, <c>Location</c> and <c>Retry-After: 10</c>.</summary>
    /// <param name="payload">The body.</param>
    public static IResult Accepted(CheckStatusPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new PayloadResult(StatusCodes.Status202Accepted, payload)
        {
            Location = payload.StatusQueryGetUri,
            RetryAfterSeconds = 10,
        };
    }
}
