using System.Net;

namespace DocPipeline.Tests.DurableTask.Http;

[Collection(ManagementApiCollection.Name)]
public sealed class PurgeApiTests(ManagementApiFixture fixture)
{
    private readonly ManagementApiHost _host = fixture.Host;

    [Fact]
    public async Task Purge_CompletedInstance_Returns200AndDeletesIt()
    {
        var id = await _host.StartAsync("Hello", "\"Gone\"");
        await _host.WaitForStatusAsync(id, "Completed");

        using var response = await _host.Http.DeleteAsync(_host.InstanceUrl(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"instancesDeleted\":1}", await response.Content.ReadAsStringAsync());
        using var status = await _host.Http.GetAsync(_host.InstanceUrl(id));
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Empty(await _host.Client.GetOrchestrationHistoryAsync(id));
    }

    [Fact]
    public async Task Purge_UnknownInstance_Returns404()
    {
        using var response = await _host.Http.DeleteAsync(_host.InstanceUrl("never-existed"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Purge_RunningInstance_Returns412AndKeepsIt()
    {
        var id = await _host.StartAsync("WaitForApproval", null);
        await _host.WaitForStatusAsync(id, "Running");

        using var response = await _host.Http.DeleteAsync(_host.InstanceUrl(id));

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Contains("Running", detail, StringComparison.Ordinal);
        Assert.NotNull(await _host.Client.GetInstanceAsync(id));
        await _host.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?createdTimeTo=2030-01-01T00:00:00Z")]
    [InlineData("?createdTimeFrom=")]
    [InlineData("?createdTimeFrom=not-a-date")]
    [InlineData("?createdTimeFrom=2020-01-01T00:00:00Z&runtimeStatus=Done")]
    public async Task PurgeMany_MissingOrBadFilter_Returns400(string query)
    {
        using var response = await _host.Http.DeleteAsync($"{ManagementApiHost.Prefix}/instances{query}");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PurgeMany_MatchingFinishedInstances_Returns200WithCount()
    {
        await using var host = await fixture.StartHostAsync();
        var finished = new[] { await host.StartAsync("Hello", "\"a\""), await host.StartAsync("Hello", "\"b\""), await host.StartAsync("Fails", "\"c\"") };
        var waiting = await host.StartAsync("WaitForApproval", null);
        await host.WaitForStatusAsync(finished[0], "Completed");
        await host.WaitForStatusAsync(finished[1], "Completed");
        await host.WaitForStatusAsync(finished[2], "Failed");
        await host.WaitForStatusAsync(waiting, "Running");

        using var response = await host.Http.DeleteAsync($"{ManagementApiHost.Prefix}/instances?createdTimeFrom=2000-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"instancesDeleted\":3}", await response.Content.ReadAsStringAsync());
        foreach (var id in finished)
        {
            Assert.Null(await host.Client.GetInstanceAsync(id));
        }

        Assert.NotNull(await host.Client.GetInstanceAsync(waiting));
    }

    [Fact]
    public async Task PurgeMany_RuntimeStatusFilter_DeletesOnlyThoseStatuses()
    {
        await using var host = await fixture.StartHostAsync();
        var completed = await host.StartAsync("Hello", "\"keep\"");
        var failed = await host.StartAsync("Fails", "\"drop\"");
        await host.WaitForStatusAsync(completed, "Completed");
        await host.WaitForStatusAsync(failed, "Failed");

        using var response = await host.Http.DeleteAsync($"{ManagementApiHost.Prefix}/instances?createdTimeFrom=2000-01-01T00:00:00Z&runtimeStatus=Failed");

        Assert.Equal("{\"instancesDeleted\":1}", await response.Content.ReadAsStringAsync());
        Assert.Null(await host.Client.GetInstanceAsync(failed));
        Assert.NotNull(await host.Client.GetInstanceAsync(completed));
    }

    [Fact]
    public async Task PurgeMany_NothingMatches_Returns404()
    {
        await using var host = await fixture.StartHostAsync();
        var id = await host.StartAsync("Hello", "\"x\"");
        await host.WaitForStatusAsync(id, "Completed");

        using var response = await host.Http.DeleteAsync($"{ManagementApiHost.Prefix}/instances?createdTimeFrom=2099-01-01T00:00:00Z");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.NotNull(await host.Client.GetInstanceAsync(id));
    }
}
