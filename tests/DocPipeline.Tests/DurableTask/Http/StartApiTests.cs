using System.Net;
using System.Text;
using System.Text.Json;

namespace DocPipeline.Tests.DurableTask.Http;

[Collection(ManagementApiCollection.Name)]
public sealed class StartApiTests(ManagementApiFixture fixture)
{
    private readonly ManagementApiHost _host = fixture.Host;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Start_JsonBody_Returns202WithCheckStatusBodyAndHeaders()
    {
        var id = ManagementApiHost.NewId();
        using var content = Json("\"Ada\"");

        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/Hello/{id}?code=secret", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal(HttpAssert.CheckStatusFields, HttpAssert.PropertyNames(body));
        var instanceUrl = new Uri(_host.BaseAddress, $"{ManagementApiHost.Prefix}/instances/{id}").AbsoluteUri;
        var query = $"taskHub={_host.HubName}&connection=Storage&code=secret";
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal($"{instanceUrl}?{query}", body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"{instanceUrl}/raiseEvent/{{eventName}}?{query}", body.GetProperty("sendEventPostUri").GetString());
        Assert.Equal($"{instanceUrl}/terminate?reason={{text}}&{query}", body.GetProperty("terminatePostUri").GetString());
        Assert.Equal($"{instanceUrl}?{query}", body.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal($"{instanceUrl}/restart?{query}", body.GetProperty("restartPostUri").GetString());
        Assert.Equal($"{instanceUrl}/suspend?reason={{text}}&{query}", body.GetProperty("suspendPostUri").GetString());
        Assert.Equal($"{instanceUrl}/resume?reason={{text}}&{query}", body.GetProperty("resumePostUri").GetString());
        Assert.Equal(body.GetProperty("statusQueryGetUri").GetString(), response.Headers.Location?.OriginalString);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);

        var status = await _host.WaitForStatusAsync(id, "Completed");
        Assert.Equal("Ada", status.GetProperty("input").GetString());
        Assert.Equal("Hello Ada!", status.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Start_LocationHeader_LeadsToStatus()
    {
        using var content = Json("\"Loc\"");
        using var start = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/Hello", content);
        var id = (await ManagementApiHost.ReadJsonAsync(start)).GetProperty("id").GetString()!;
        await _host.WaitForStatusAsync(id, "Completed");

        using var status = await _host.Http.GetAsync(start.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("Hello Loc!", (await ManagementApiHost.ReadJsonAsync(status)).GetProperty("output").GetString());
    }

    [Fact]
    public async Task Start_WithoutInstanceId_GeneratesId()
    {
        using var content = Json("\"Gen\"");

        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/Hello", content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await ManagementApiHost.ReadJsonAsync(response)).GetProperty("id").GetString();
        Assert.Matches("^[0-9a-f]{32}$", id);
        await _host.WaitForStatusAsync(id!, "Completed");
    }

    [Fact]
    public async Task Start_EmptyBody_StartsWithNullInput()
    {
        var id = await _host.StartAsync("Hello", jsonInput: null);

        var status = await _host.WaitForStatusAsync(id, "Completed");

        Assert.Equal(JsonValueKind.Null, status.GetProperty("input").ValueKind);
        Assert.Equal("Hello !", status.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Start_InvalidJson_Returns400AndCreatesNothing()
    {
        var id = ManagementApiHost.NewId();
        using var content = Json("{not json");

        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/Hello/{id}", content);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("JSON", detail, StringComparison.Ordinal);
        using var status = await _host.Http.GetAsync(_host.InstanceUrl(id));
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task Start_ActiveInstanceId_Returns409()
    {
        var id = await _host.StartAsync("WaitForApproval", null);
        await _host.WaitForStatusAsync(id, "Running");

        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/WaitForApproval/{id}", null);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(id, detail, StringComparison.Ordinal);
        await _host.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task Start_FinishedInstanceId_StartsAgain()
    {
        var id = await _host.StartAsync("Hello", "\"One\"");
        await _host.WaitForStatusAsync(id, "Completed");

        await _host.StartAsync("Hello", "\"Two\"", id);

        await _host.WaitForStatusAsync(id, "Completed");
        var instance = await _host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("Hello Two!", instance?.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Start_UnknownOrchestrator_Returns400()
    {
        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/NoSuchThing", null);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("NoSuchThing", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InstanceIdTooLong_Returns400()
    {
        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/Hello/{new string('x', 300)}", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Start_InstanceIdWithControlCharacter_Returns400()
    {
        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/Hello/bad%01id", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Start_TimeoutAndCompletes_Returns200WithOutput()
    {
        using var content = Json("\"Bo\"");

        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/Hello?timeout=20&pollingInterval=1", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"Hello Bo!\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_TimeoutElapses_Returns202WithCheckStatusBody()
    {
        var id = ManagementApiHost.NewId();

        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/WaitForApproval/{id}?timeout=0.3&pollingInterval=0.1", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        Assert.Equal(id, (await ManagementApiHost.ReadJsonAsync(response)).GetProperty("id").GetString());
        await _host.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task Start_TimeoutAndFails_Returns200WithFailedStatus()
    {
        using var content = Json("\"bad luck\"");

        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/Fails?timeout=20&pollingInterval=1&returnInternalServerErrorOnFailure=true", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal("Failed", body.GetProperty("runtimeStatus").GetString());
        Assert.Contains("bad luck", body.GetProperty("output").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeout=abc")]
    [InlineData("timeout=-1")]
    [InlineData("timeout=1e300")]
    [InlineData("timeout=5&pollingInterval=10")]
    [InlineData("timeout=5&timeout=6")]
    [InlineData("showHistory=maybe")]
    public async Task Start_BadQueryParameter_Returns400(string query)
    {
        var id = ManagementApiHost.NewId();

        using var response = await _host.Http.PostAsync($"{ManagementApiHost.Prefix}/orchestrators/Hello/{id}?{query}", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Null(await _host.Client.GetInstanceAsync(id));
    }
}
