using System.Net;
using System.Text.Json;

namespace DocPipeline.Tests.DurableTask.Http;

[Collection(ManagementApiCollection.Name)]
public sealed class StatusApiTests(ManagementApiFixture fixture)
{
    private readonly ManagementApiHost _host = fixture.Host;

    [Fact]
    public async Task GetStatus_UnknownInstance_Returns404()
    {
        using var response = await _host.Http.GetAsync(_host.InstanceUrl("no-such-instance"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetStatus_InstanceIdTooLong_Returns400()
    {
        using var response = await _host.Http.GetAsync(_host.InstanceUrl(new string('y', 257)));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task GetStatus_Running_Returns202WithLocationAndRetryAfter()
    {
        var id = await _host.StartAsync("WaitForApproval", "{\"doc\":\"a.pdf\"}");
        await _host.WaitForStatusAsync(id, "Running");
        var path = _host.InstanceUrl(id) + "?showInput=true";

        using var response = await _host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri(_host.BaseAddress, path).AbsoluteUri, response.Headers.Location?.AbsoluteUri);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal("Running", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("a.pdf", body.GetProperty("input").GetProperty("doc").GetString());
        Assert.Equal("waiting", body.GetProperty("customStatus").GetProperty("stage").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("output").ValueKind);
        await _host.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task GetStatus_Completed_Returns200WithDurableFunctionsFields()
    {
        var id = await _host.StartAsync("Hello", "\"Ada\"");
        await _host.WaitForStatusAsync(id, "Completed");

        using var response = await _host.Http.GetAsync(_host.InstanceUrl(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal(HttpAssert.StatusFields, HttpAssert.PropertyNames(body));
        Assert.Equal("Hello", body.GetProperty("name").GetString());
        Assert.Equal(id, body.GetProperty("instanceId").GetString());
        Assert.Equal("Completed", body.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Ada", body.GetProperty("input").GetString());
        Assert.Equal("done", body.GetProperty("customStatus").GetProperty("stage").GetString());
        Assert.Equal("Hello Ada!", body.GetProperty("output").GetString());
        HttpAssert.StatusTime(body.GetProperty("createdTime"));
        HttpAssert.StatusTime(body.GetProperty("lastUpdatedTime"));
        var created = DateTime.Parse(body.GetProperty("createdTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(created, DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task GetStatus_ShowInputFalse_InputIsNull()
    {
        var id = await _host.StartAsync("Hello", "\"Hidden\"");
        await _host.WaitForStatusAsync(id, "Completed");

        using var response = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showInput=false");

        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("input").ValueKind);
        Assert.Equal("Hello Hidden!", body.GetProperty("output").GetString());
    }

    [Fact]
    public async Task GetStatus_ShowHistory_ReturnsDurableFunctionsHistoryShape()
    {
        var id = await _host.StartAsync("HelloSequence", null);
        await _host.WaitForStatusAsync(id, "Completed");

        using var response = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true");

        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.True(body.TryGetProperty("historyEvents", out var history), body.ToString());
        var events = history.EnumerateArray().ToList();
        Assert.Equal(
            ["ExecutionStarted", "TaskCompleted", "TaskCompleted", "TaskCompleted", "ExecutionCompleted"],
            events.Select(e => e.GetProperty("EventType").GetString()));
        Assert.Equal("HelloSequence", events[0].GetProperty("FunctionName").GetString());
        foreach (var completed in events.Skip(1).Take(3))
        {
            Assert.Equal("SayHello", completed.GetProperty("FunctionName").GetString());
            HttpAssert.HistoryTime(completed.GetProperty("ScheduledTime"));
            Assert.False(completed.TryGetProperty("Result", out _));
            Assert.False(completed.TryGetProperty("TaskScheduledId", out _));
        }

        // DurableTask.AzureStorage does not keep a scheduled task's input in history (Durable Functions' own history
        // output has none either); where a backend keeps it, it is the serialized text.
        if (events[1].TryGetProperty("Input", out var input))
        {
            Assert.Equal("\"Tokyo\"", input.GetString());
        }
        Assert.Equal("Completed", events[4].GetProperty("OrchestrationStatus").GetString());
        Assert.False(events[4].TryGetProperty("Result", out _));
        foreach (var e in events)
        {
            HttpAssert.HistoryTime(e.GetProperty("Timestamp"));
            Assert.False(e.TryGetProperty("EventId", out _));
        }
    }

    [Fact]
    public async Task GetStatus_ShowHistoryOutput_IncludesResults()
    {
        var id = await _host.StartAsync("HelloSequence", null);
        await _host.WaitForStatusAsync(id, "Completed");

        using var response = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true&showHistoryOutput=true");

        var events = (await ManagementApiHost.ReadJsonAsync(response)).GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.Equal("Hello Tokyo!", events[1].GetProperty("Result").GetString());
        Assert.Equal("Hello London!", events[3].GetProperty("Result").GetString());
        Assert.Equal(
            ["Hello Tokyo!", "Hello Seattle!", "Hello London!"],
            events[4].GetProperty("Result").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task GetStatus_SubOrchestration_FoldsCreationIntoCompletion()
    {
        var id = await _host.StartAsync("Parent", "\"Kid\"");
        await _host.WaitForStatusAsync(id, "Completed");

        using var response = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true&showHistoryOutput=true");

        var events = (await ManagementApiHost.ReadJsonAsync(response)).GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.Equal(
            ["ExecutionStarted", "SubOrchestrationInstanceCompleted", "ExecutionCompleted"],
            events.Select(e => e.GetProperty("EventType").GetString()));
        var child = events[1];
        Assert.Equal("Hello", child.GetProperty("FunctionName").GetString());
        Assert.Equal(id + "-child", child.GetProperty("InstanceId").GetString());
        Assert.Equal("Hello Kid!", child.GetProperty("Result").GetString());
        HttpAssert.HistoryTime(child.GetProperty("ScheduledTime"));
    }

    [Fact]
    public async Task GetStatus_ShowHistoryWithoutInput_OmitsEveryInput()
    {
        var id = await _host.StartAsync("Hello", "\"Quiet\"");
        await _host.WaitForStatusAsync(id, "Completed");

        using var response = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true&showInput=false");

        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("input").ValueKind);
        var events = body.GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.False(e.TryGetProperty("Input", out _)));
    }

    [Fact]
    public async Task GetStatus_WithoutShowHistory_OmitsHistoryEvents()
    {
        var id = await _host.StartAsync("Hello", "\"Plain\"");
        await _host.WaitForStatusAsync(id, "Completed");

        using var response = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=false");

        Assert.False((await ManagementApiHost.ReadJsonAsync(response)).TryGetProperty("historyEvents", out _));
    }

    [Fact]
    public async Task GetStatus_Failed_Returns200WithFailureInHistory()
    {
        var id = await _host.StartAsync("Fails", "\"kaboom\"");
        await _host.WaitForStatusAsync(id, "Failed");

        using var response = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true&showHistoryOutput=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ManagementApiHost.ReadJsonAsync(response);
        Assert.Equal("Failed", body.GetProperty("runtimeStatus").GetString());
        Assert.Contains("kaboom", body.GetProperty("output").GetString(), StringComparison.Ordinal);
        var events = body.GetProperty("historyEvents").EnumerateArray().ToList();
        var failed = Assert.Single(events, e => e.GetProperty("EventType").GetString() == "TaskFailed");
        Assert.Equal("Explode", failed.GetProperty("FunctionName").GetString());
        Assert.Contains("kaboom", failed.GetProperty("Reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException", failed.GetProperty("FailureDetails").GetProperty("ErrorType").GetString());
        Assert.DoesNotContain(events, e => e.GetProperty("EventType").GetString() == "TaskScheduled");
        var completed = events[^1];
        Assert.Equal("ExecutionCompleted", completed.GetProperty("EventType").GetString());
        Assert.Equal("Failed", completed.GetProperty("OrchestrationStatus").GetString());
        Assert.True(completed.TryGetProperty("FailureDetails", out _));
    }

    [Fact]
    public async Task GetStatus_FailedWithReturnInternalServerErrorOnFailure_Returns500()
    {
        var id = await _host.StartAsync("Fails", "\"crash\"");
        await _host.WaitForStatusAsync(id, "Failed");

        using var response = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?returnInternalServerErrorOnFailure=true");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("Failed", (await ManagementApiHost.ReadJsonAsync(response)).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task GetStatus_ActivityInFlight_ShowsScheduledCallUntilItCompletes()
    {
        var key = ManagementApiHost.NewId("gate");
        var id = await _host.StartAsync("Gated", JsonSerializer.Serialize(key));
        await _host.WaitForStatusAsync(id, "Running");
        await WaitForHistoryAsync(id, "TaskScheduled");

        using (var response = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var events = (await ManagementApiHost.ReadJsonAsync(response)).GetProperty("historyEvents").EnumerateArray().ToList();
            var scheduled = events.Single(e => e.GetProperty("EventType").GetString() == "TaskScheduled");
            Assert.Equal("WaitForGate", scheduled.GetProperty("Name").GetString());
        }

        _host.OpenGate(key);
        await _host.WaitForStatusAsync(id, "Completed");
        using var done = await _host.Http.GetAsync(_host.InstanceUrl(id) + "?showHistory=true&showHistoryOutput=true");
        var final = (await ManagementApiHost.ReadJsonAsync(done)).GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.Equal(["ExecutionStarted", "TaskCompleted", "ExecutionCompleted"], final.Select(e => e.GetProperty("EventType").GetString()));
        Assert.Equal("WaitForGate", final[1].GetProperty("FunctionName").GetString());
        Assert.Equal("opened", final[1].GetProperty("Result").GetString());
    }

    private async Task WaitForHistoryAsync(string id, string eventType)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var history = await _host.Client.GetOrchestrationHistoryAsync(id, cts.Token);
            if (history.Any(e => e.EventType.ToString() == eventType))
            {
                return;
            }

            await _host.WaitForChangeAsync(id, cts.Token);
        }
    }

    [Theory]
    [InlineData("showHistory=maybe")]
    [InlineData("showInput=1")]
    [InlineData("returnInternalServerErrorOnFailure=yes")]
    [InlineData("showHistoryOutput=true&showHistoryOutput=false")]
    public async Task GetStatus_BadBoolean_Returns400(string query)
    {
        using var response = await _host.Http.GetAsync(_host.InstanceUrl("anything") + "?" + query);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
