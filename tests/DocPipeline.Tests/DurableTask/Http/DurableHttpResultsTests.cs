using System.Net;
using Microsoft.DurableTask.Client;
using DocPipeline.DurableTask.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace DocPipeline.Tests.DurableTask.Http;

[Collection(ManagementApiCollection.Name)]
public sealed class DurableHttpResultsTests(ManagementApiFixture fixture)
{
    private static void MapUpload(WebApplication app) =>
        app.MapPost("/api/documents", async (HttpContext context, [FromServices] DurableTaskClient client) =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Hello", "upload", cancellation: context.RequestAborted);
            return DurableHttpResults.Accepted(context, id);
        });

    [Fact]
    public async Task Accepted_FromUploadEndpoint_Returns202WithManagementApiLinks()
    {
        await using var host = await fixture.StartHostAsync(app =>
        {
            app.MapDurableTaskManagementApi();
            MapUpload(app);
        });

        using var response = await host.Http.PostAsync("/api/documents?code=key1", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal(HttpAssert.CheckStatusFields, HttpAssert.PropertyNames(body));
        var id = body.GetProperty("id").GetString()!;
        var expected = new Uri(host.BaseAddress, $"{ManagementApiHost.Prefix}/instances/{id}").AbsoluteUri + $"?taskHub={host.HubName}&connection=Storage&code=key1";
        Assert.Equal(expected, body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        await host.WaitForStatusAsync(id, "Completed");
        using var status = await host.Http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("Hello upload!", (await ManagementApiHost.ReadJsonAsync(status)).GetProperty("output").GetString());
    }

    [Fact]
    public async Task Accepted_ManagementApiNotMapped_LinksToStandardPrefix()
    {
        await using var host = await fixture.StartHostAsync(MapUpload);

        using var response = await host.Http.PostAsync("/api/documents", null);

        var body = await ManagementApiHost.ReadJsonAsync(response);
        var id = body.GetProperty("id").GetString()!;
        var instanceUrl = new Uri(host.BaseAddress, $"/runtime/webhooks/durabletask/instances/{id}").AbsoluteUri;
        Assert.Equal($"{instanceUrl}?taskHub={host.HubName}&connection=Storage", body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"{instanceUrl}/raiseEvent/{{eventName}}?taskHub={host.HubName}&connection=Storage", body.GetProperty("sendEventPostUri").GetString());
    }

    [Fact]
    public async Task MapDurableTaskManagementApi_CustomPrefixWithGroupFilter_GuardsEveryRouteAndLinksToPrefix()
    {
        await using var host = await fixture.StartHostAsync(app => app
            .MapDurableTaskManagementApi("/mgmt")
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Request.Headers["x-api-key"] == "k"
                    ? await next(context)
                    : TypedResults.Unauthorized()));

        using var rejected = await host.Http.PostAsync("/mgmt/orchestrators/Hello", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mgmt/orchestrators/Hello?connection=Other");
        request.Headers.Add("x-api-key", "k");
        using var accepted = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var body = await ManagementApiHost.ReadJsonAsync(accepted);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(
            new Uri(host.BaseAddress, $"/mgmt/instances/{id}").AbsoluteUri + $"?taskHub={host.HubName}&connection=Other",
            body.GetProperty("statusQueryGetUri").GetString());
        using var list = await host.Http.GetAsync("/mgmt/instances");
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        using var standard = await host.Http.GetAsync($"{ManagementApiHost.Prefix}/instances");
        Assert.Equal(HttpStatusCode.NotFound, standard.StatusCode);
    }
}
