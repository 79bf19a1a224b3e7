using System.Net;
using System.Text;
using System.Text.Json;

namespace DocPipeline.Tests.DurableTask.Http;

[Collection(ManagementApiCollection.Name)]
public sealed class ControlApiTests(ManagementApiFixture fixture)
{
    private readonly ManagementApiHost _host = fixture.Host;

    private Task<HttpResponseMessage> PostAsync(string path) => _host.Http.PostAsync(path, null);

    private async Task<string> RunningAsync()
    {
        var id = await _host.StartAsync("WaitForApproval", null);
        await _host.WaitForStatusAsync(id, "Running");
        return id;
    }

    private async Task<string> CompletedAsync()
    {
        var id = await _host.StartAsync("Hello", "\"Done\"");
        await _host.WaitForStatusAsync(id, "Completed");
        return id;
    }

    [Fact]
    public async Task Terminate_Running_Returns202AndRecordsReason()
    {
        var id = await RunningAsync();

        using var response = await PostAsync(_host.InstanceUrl(id) + "/terminate?reason=stop%20now");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await _host.WaitForStatusAsync(id, "Terminated");
        Assert.Equal("stop now", status.GetProperty("output").GetString());
        using var history = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true");
        var events = (await ManagementApiHost.ReadJsonAsync(history)).GetProperty("historyEvents").EnumerateArray().ToList();
        var terminated = Assert.Single(events, e => e.GetProperty("EventType").GetString() == "ExecutionTerminated");
        Assert.Equal("stop now", terminated.GetProperty("Input").GetString());
    }

    [Fact]
    public async Task Terminate_UnknownInstance_Returns404()
    {
        using var response = await PostAsync(_host.InstanceUrl("missing") + "/terminate");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Terminate_Completed_Returns410()
    {
        var id = await CompletedAsync();

        using var response = await PostAsync(_host.InstanceUrl(id) + "/terminate?reason=late");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task SuspendAndResume_Running_PausesThenContinues()
    {
        var id = await RunningAsync();

        using (var suspend = await PostAsync(_host.InstanceUrl(id) + "/suspend?reason=hold"))
        {
            Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        }

        await _host.WaitForStatusAsync(id, "Suspended");
        using (var status = await _host.Http.GetAsync(_host.InstanceUrl(id)))
        {
            Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), status.Headers.RetryAfter?.Delta);
        }

        using (var resume = await PostAsync(_host.InstanceUrl(id) + "/resume?reason=go"))
        {
            Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        }

        await _host.WaitForStatusAsync(id, "Running");
        await _host.Client.RaiseEventAsync(id, "Approval", new { ok = true });
        await _host.WaitForStatusAsync(id, "Completed");
        using var history = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true");
        var events = (await ManagementApiHost.ReadJsonAsync(history)).GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.Equal("hold", events.Single(e => e.GetProperty("EventType").GetString() == "ExecutionSuspended").GetProperty("Reason").GetString());
        Assert.Equal("go", events.Single(e => e.GetProperty("EventType").GetString() == "ExecutionResumed").GetProperty("Reason").GetString());
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task SuspendOrResume_Completed_Returns410(string operation)
    {
        var id = await CompletedAsync();

        using var response = await PostAsync($"{_host.InstanceUrl(id)}/{operation}");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Gone);
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("resume")]
    [InlineData("rewind")]
    public async Task Operation_UnknownInstance_Returns404(string operation)
    {
        using var response = await PostAsync($"{_host.InstanceUrl("missing")}/{operation}");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Operation_InstanceIdTooLong_Returns400()
    {
        using var response = await PostAsync($"{_host.InstanceUrl(new string('z', 400))}/terminate");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rewind_Failed_Returns202AndReRunsFailedStep()
    {
        var key = ManagementApiHost.NewId("flaky");
        var id = await _host.StartAsync("Flaky", JsonSerializer.Serialize(key));
        await _host.WaitForStatusAsync(id, "Failed");
        _host.Allow(key);

        using var response = await PostAsync(_host.InstanceUrl(id) + "/rewind?reason=fixed");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var status = await _host.WaitForStatusAsync(id, "Completed");
        Assert.Equal("recovered", status.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Rewind_Completed_Returns410()
    {
        var id = await CompletedAsync();

        using var response = await PostAsync(_host.InstanceUrl(id) + "/rewind");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Rewind_Terminated_Returns410()
    {
        var id = await RunningAsync();
        await _host.Client.TerminateInstanceAsync(id, "stop");
        await _host.WaitForStatusAsync(id, "Terminated");

        using var response = await PostAsync(_host.InstanceUrl(id) + "/rewind");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Rewind_Running_Returns412()
    {
        var id = await RunningAsync();

        using var response = await PostAsync(_host.InstanceUrl(id) + "/rewind");

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Contains("Failed", detail, StringComparison.Ordinal);
        await _host.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task Restart_Completed_Returns202AndRunsAgainUnderSameId()
    {
        var id = await CompletedAsync();
        var before = await _host.Client.GetInstanceAsync(id);

        using var response = await PostAsync(_host.InstanceUrl(id) + "/restart?code=k1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal(HttpAssert.CheckStatusFields, HttpAssert.PropertyNames(body));
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.EndsWith("&code=k1", body.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(body.GetProperty("statusQueryGetUri").GetString(), response.Headers.Location?.OriginalString);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        var status = await _host.WaitForStatusAsync(id, "Completed");
        Assert.Equal("Hello Done!", status.GetProperty("output").GetString());
        var after = await _host.Client.GetInstanceAsync(id);
        Assert.True(after!.CreatedAt > before!.CreatedAt, "a restart under the same id is a new execution");
    }

    [Fact]
    public async Task Restart_WithNewInstanceId_StartsAnotherInstance()
    {
        var id = await CompletedAsync();

        using var response = await PostAsync(_host.InstanceUrl(id) + "/restart?restartWithNewInstanceId=true");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var newId = (await ManagementApiHost.ReadJsonAsync(response)).GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        var status = await _host.WaitForStatusAsync(newId, "Completed");
        Assert.Equal("Done", status.GetProperty("input").GetString());
        Assert.Equal("Hello Done!", status.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Restart_WithTimeout_Returns200WithOutput()
    {
        var id = await CompletedAsync();

        using var response = await PostAsync(_host.InstanceUrl(id) + "/restart?timeout=20&pollingInterval=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"Hello Done!\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Restart_UnknownInstance_Returns400()
    {
        using var response = await PostAsync(_host.InstanceUrl("missing") + "/restart");

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("missing", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_Running_Returns409()
    {
        var id = await RunningAsync();

        using var response = await PostAsync(_host.InstanceUrl(id) + "/restart");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict);
        await _host.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task Restart_BadBoolean_Returns400()
    {
        var id = await CompletedAsync();

        using var response = await PostAsync(_host.InstanceUrl(id) + "/restart?restartWithNewInstanceId=sure");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Operation_IsCaseInsensitive_LikeDurableFunctions()
    {
        var id = await RunningAsync();

        using var response = await _host.Http.PostAsync(_host.InstanceUrl(id) + "/Terminate", new StringContent(string.Empty, Encoding.UTF8));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _host.WaitForStatusAsync(id, "Terminated");
    }
}
