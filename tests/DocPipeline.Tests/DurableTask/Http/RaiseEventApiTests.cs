using System.Net;
using System.Text;

namespace DocPipeline.Tests.DurableTask.Http;

[Collection(ManagementApiCollection.Name)]
public sealed class RaiseEventApiTests(ManagementApiFixture fixture)
{
    private readonly ManagementApiHost _host = fixture.Host;

    private async Task<HttpResponseMessage> RaiseAsync(string instanceId, string body, string mediaType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, mediaType);
        return await _host.Http.PostAsync($"{_host.InstanceUrl(instanceId)}/raiseEvent/Approval", content);
    }

    private async Task<string> RunningAsync()
    {
        var id = await _host.StartAsync("WaitForApproval", null);
        await _host.WaitForStatusAsync(id, "Running");
        return id;
    }

    [Fact]
    public async Task RaiseEvent_JsonBody_Returns202AndOrchestrationReceivesIt()
    {
        var id = await RunningAsync();

        using var response = await RaiseAsync(id, "{\"approved\":true,\"by\":\"ana\"}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await _host.WaitForStatusAsync(id, "Completed");
        Assert.True(status.GetProperty("output").GetProperty("approved").GetBoolean());
        Assert.Equal("ana", status.GetProperty("output").GetProperty("by").GetString());
        using var history = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true");
        var events = (await ManagementApiHost.ReadJsonAsync(history)).GetProperty("historyEvents").EnumerateArray().ToList();
        var raised = Assert.Single(events, e => e.GetProperty("EventType").GetString() == "EventRaised");
        Assert.Equal("Approval", raised.GetProperty("Name").GetString());
        Assert.Contains("ana", raised.GetProperty("Input").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaiseEvent_JsonWithCharset_IsAccepted()
    {
        var id = await RunningAsync();
        using var content = new StringContent("42", Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        using var response = await _host.Http.PostAsync($"{_host.InstanceUrl(id)}/raiseEvent/Approval", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await _host.WaitForStatusAsync(id, "Completed");
        Assert.Equal(42, status.GetProperty("output").GetInt32());
    }

    [Fact]
    public async Task RaiseEvent_NotJsonContentType_Returns400()
    {
        var id = await RunningAsync();

        using var response = await RaiseAsync(id, "approved", "text/plain");

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("application/json", detail, StringComparison.Ordinal);
        await _host.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Theory]
    [InlineData("{\"approved\":")]
    [InlineData("")]
    public async Task RaiseEvent_InvalidJson_Returns400(string body)
    {
        var id = await RunningAsync();

        using var response = await RaiseAsync(id, body);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("Running", (await _host.WaitForStatusAsync(id, "Running")).GetProperty("runtimeStatus").GetString());
        await _host.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_Returns404()
    {
        using var response = await RaiseAsync("missing", "true");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RaiseEvent_FinishedInstance_Returns410()
    {
        var id = await _host.StartAsync("Hello", "\"Over\"");
        await _host.WaitForStatusAsync(id, "Completed");

        using var response = await RaiseAsync(id, "true");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Gone);
    }
}
