using System.Globalization;
using System.Net;
using System.Text.Json;

namespace DocPipeline.Tests.DurableTask.Http;

[Collection(ManagementApiCollection.Name)]
public sealed class ListApiTests(ManagementApiFixture fixture)
{
    private const string ContinuationHeader = "x-ms-continuation-token";
    private readonly ManagementApiHost _host = fixture.Host;

    private static string Iso(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<List<JsonElement>> ListAsync(string query)
    {
        using var response = await _host.Http.GetAsync($"{ManagementApiHost.Prefix}/instances?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await ManagementApiHost.ReadJsonAsync(response)).EnumerateArray()];
    }

    [Fact]
    public async Task List_TopWithContinuationToken_PagesThroughEveryInstance()
    {
        var prefix = ManagementApiHost.NewId("page") + "-";
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _host.StartAsync("Hello", $"\"p{i}\"", prefix + i));
        }

        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;
        for (var pages = 0; pages < 10; pages++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{ManagementApiHost.Prefix}/instances?instanceIdPrefix={prefix}&top=2");
            if (token is not null)
            {
                request.Headers.Add(ContinuationHeader, token);
            }

            using var response = await _host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await ManagementApiHost.ReadJsonAsync(response)).EnumerateArray().ToList();
            pageSizes.Add(page.Count);
            seen.AddRange(page.Select(p => p.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.Single() : null;
            if (token is null)
            {
                break;
            }
        }

        Assert.Equal([2, 2, 1], pageSizes);
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_Items_UseStatusFieldsAndTimeFormat()
    {
        var prefix = ManagementApiHost.NewId("shape") + "-";
        var id = await _host.StartAsync("Hello", "\"Shape\"", prefix + "1");
        await _host.WaitForStatusAsync(id, "Completed");

        var item = Assert.Single(await ListAsync($"instanceIdPrefix={prefix}"));

        Assert.Equal(HttpAssert.StatusFields, HttpAssert.PropertyNames(item));
        Assert.Equal("Shape", item.GetProperty("input").GetString());
        Assert.Equal("Hello Shape!", item.GetProperty("output").GetString());
        HttpAssert.StatusTime(item.GetProperty("createdTime"));
        HttpAssert.StatusTime(item.GetProperty("lastUpdatedTime"));
    }

    [Fact]
    public async Task List_ShowInputFalse_InputsAreNull()
    {
        var prefix = ManagementApiHost.NewId("noin") + "-";
        await _host.StartAsync("Hello", "\"Secret\"", prefix + "1");

        var item = Assert.Single(await ListAsync($"instanceIdPrefix={prefix}&showInput=false"));

        Assert.Equal(JsonValueKind.Null, item.GetProperty("input").ValueKind);
    }

    [Fact]
    public async Task List_RuntimeStatus_AcceptsCommaListsAndRepeatedParameters()
    {
        var prefix = ManagementApiHost.NewId("filter") + "-";
        var done = await _host.StartAsync("Hello", "\"F\"", prefix + "done");
        var waiting = await _host.StartAsync("WaitForApproval", null, prefix + "waiting");
        await _host.WaitForStatusAsync(done, "Completed");
        await _host.WaitForStatusAsync(waiting, "Running");

        var running = await ListAsync($"instanceIdPrefix={prefix}&runtimeStatus=Running");
        var both = await ListAsync($"instanceIdPrefix={prefix}&runtimeStatus=Running,Completed");
        var repeated = await ListAsync($"instanceIdPrefix={prefix}&runtimeStatus=Running&runtimeStatus=Completed");
        var anyCase = await ListAsync($"instanceIdPrefix={prefix}&runtimeStatus=completed");
        var none = await ListAsync($"instanceIdPrefix={prefix}&runtimeStatus=Failed,Terminated");

        Assert.Equal(waiting, Assert.Single(running).GetProperty("instanceId").GetString());
        Assert.Equal(2, both.Count);
        Assert.Equal(2, repeated.Count);
        Assert.Equal(done, Assert.Single(anyCase).GetProperty("instanceId").GetString());
        Assert.Empty(none);
        await _host.Client.TerminateInstanceAsync(waiting, "cleanup");
    }

    [Fact]
    public async Task List_CreatedTimeRange_FiltersByCreation()
    {
        var prefix = ManagementApiHost.NewId("range") + "-";
        var id = await _host.StartAsync("Hello", "\"R\"", prefix + "1");
        var now = DateTime.UtcNow;

        var inRange = await ListAsync($"instanceIdPrefix={prefix}&createdTimeFrom={Iso(now.AddHours(-1))}&createdTimeTo={Iso(now.AddHours(1))}");
        var future = await ListAsync($"instanceIdPrefix={prefix}&createdTimeFrom={Iso(now.AddHours(1))}");
        var past = await ListAsync($"instanceIdPrefix={prefix}&createdTimeTo={Iso(now.AddHours(-1))}");

        Assert.Equal(id, Assert.Single(inRange).GetProperty("instanceId").GetString());
        Assert.Empty(future);
        Assert.Empty(past);
    }

    [Theory]
    [InlineData("runtimeStatus=Bogus")]
    [InlineData("runtimeStatus=Running,5")]
    [InlineData("top=0")]
    [InlineData("top=-3")]
    [InlineData("top=ten")]
    [InlineData("createdTimeFrom=yesterday")]
    [InlineData("createdTimeTo=2026-13-45T00:00:00Z")]
    [InlineData("showInput=nope")]
    public async Task List_BadQueryParameter_Returns400(string query)
    {
        using var response = await _host.Http.GetAsync($"{ManagementApiHost.Prefix}/instances?{query}");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_InvalidContinuationToken_Returns400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{ManagementApiHost.Prefix}/instances");
        request.Headers.Add(ContinuationHeader, "%%% not a token %%%");

        using var response = await _host.Http.SendAsync(request);

        var detail = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(ContinuationHeader, detail, StringComparison.Ordinal);
    }
}
