using System.Net;
using DocPipeline.Tests.Functions.Service;

namespace DocPipeline.Tests.Functions.Dashboard;

/// <summary>The dashboard's server-sent event stream and page on a real <c>serve</c> with an API key.</summary>
[Collection(ServeCollection.Name)]
public sealed class DashboardEventsTests
{
    private const string Key = "events-test-key-0123456789";

    [Fact]
    public async Task Page_WithoutKey_Returns401AndAssetsStayPublic()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = await ServeTestHost.StartAsync(timeout.Token, "DOCPIPELINE_API_KEY=" + Key);

        using var page = await host.Client.GetAsync("/", timeout.Token);
        using var events = await host.Client.GetAsync("/dashboard/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var keyed = await host.Client.GetAsync("/?code=" + Key, timeout.Token);
        using var script = await host.Client.GetAsync("/dashboard/app.js", timeout.Token);
        using var unknown = await host.Client.GetAsync("/dashboard/secrets.json", timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Equal("text/html", keyed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<main id=\"main\"", await keyed.Content.ReadAsStringAsync(timeout.Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Events_UploadWhileConnected_StreamsStatusUntilCompleted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = await ServeTestHost.StartAsync(timeout.Token, "DOCPIPELINE_API_KEY=" + Key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        request.Headers.Add("x-functions-key", Key);
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await ReadUntilAsync(reader, line => line == "event: ready", timeout.Token);

        using var upload = await host.UploadAsync(ServeJson.UniqueText(), "memo.txt", timeout.Token, key: Key);
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, timeout.Token), "id");

        var completed = await ReadUntilAsync(reader, line => line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(id, StringComparison.Ordinal) && line.Contains("\"runtimeStatus\":\"Completed\"", StringComparison.Ordinal), timeout.Token);
        Assert.Contains("\"customStatus\":{\"stage\":\"done\"", completed, StringComparison.Ordinal);
    }

    private static async Task<string> ReadUntilAsync(StreamReader reader, Func<string, bool> match, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (match(line))
            {
                return line;
            }
        }

        throw new Xunit.Sdk.XunitException("the event stream ended before the expected event");
    }
}
