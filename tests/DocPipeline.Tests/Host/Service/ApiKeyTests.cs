using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>API keys on uploads, results and the management API (x-functions-key header or code parameter).</summary>
[Collection(ServeCollection.Name)]
public sealed class ApiKeyTests
{
    private const string Key = "k3y-for-tests-0123456789abcdef";
    private const string OtherKey = "second-key-for-tests-ABCDEFGH";

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    private static Task<ServeTestHost> StartWithKeysAsync(CancellationToken ct) =>
        ServeTestHost.StartAsync(ct, "DOCPIPELINE_API_KEY=" + Key, "DocPipeline:ApiKeys:0=" + OtherKey);

    [Fact]
    public async Task Upload_WithoutKey_Returns401Problem()
    {
        var ct = Timeout();
        await using var host = await StartWithKeysAsync(ct);

        using var response = await host.UploadAsync(ServeJson.UniqueText(), "a.txt", ct);

        await UploadApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "x-functions-key", ct);
        Assert.Empty(await host.Durable.GetAllInstancesAsync().ToListAsync(ct));
    }

    [Fact]
    public async Task Upload_WithWrongKey_Returns401Problem()
    {
        var ct = Timeout();
        await using var host = await StartWithKeysAsync(ct);

        using var response = await host.UploadAsync(ServeJson.UniqueText(), "a.txt", ct, key: Key + "x");

        await UploadApiTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "not valid", ct);
    }

    [Fact]
    public async Task Upload_WithKeyInHeader_Returns202()
    {
        var ct = Timeout();
        await using var host = await StartWithKeysAsync(ct);

        using var response = await host.UploadAsync(ServeJson.UniqueText(), "a.txt", ct, key: Key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Upload_WithSecondKeyInCodeParameter_Returns202AndLinksCarryTheCode()
    {
        var ct = Timeout();
        await using var host = await StartWithKeysAsync(ct);

        using var response = await host.UploadAsync(ServeJson.UniqueText(), "a.txt", ct, "&code=" + Uri.EscapeDataString(OtherKey));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ServeJson.ReadAsync(response, ct);
        var statusUri = ServeJson.String(body, "statusQueryGetUri");
        Assert.Contains("code=" + Uri.EscapeDataString(OtherKey), statusUri, StringComparison.Ordinal);
        using var status = await host.Client.GetAsync(statusUri, ct);
        Assert.Contains(status.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Accepted });
    }

    [Fact]
    public async Task Result_WithoutKey_Returns401AndWithKeyAnswers()
    {
        var ct = Timeout();
        await using var host = await StartWithKeysAsync(ct);
        const string path = "api/documents/doc-0123456789abcdef0123456789abcdef/result";

        using var anonymous = await host.Client.GetAsync(path, ct);
        using var wrong = await host.Client.GetAsync(path + "?code=nope-nope-nope-nope", ct);
        using var keyed = await host.Client.GetAsync(path + "?code=" + Uri.EscapeDataString(Key), ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, keyed.StatusCode);
    }

    [Fact]
    public async Task ManagementApi_WithoutKey_Returns401AndWithKeyReturns200()
    {
        var ct = Timeout();
        await using var host = await StartWithKeysAsync(ct);
        const string path = "runtime/webhooks/durabletask/instances";

        using var anonymous = await host.Client.GetAsync(path, ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", Key);
        using var keyed = await host.Client.SendAsync(request, ct);

        await UploadApiTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized, "API key", ct);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }

    [Fact]
    public async Task HealthProbes_NeedNoKey()
    {
        var ct = Timeout();
        await using var host = await StartWithKeysAsync(ct);

        using var alive = await host.Client.GetAsync("alive", ct);
        using var health = await host.Client.GetAsync("health", ct);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await ServeJson.ReadAsync(health, ct);
        Assert.Equal("healthy", ServeJson.String(body, "status"));
        Assert.Equal("sqlite", ServeJson.String(body, "store"));
    }

    [Fact]
    public async Task Keys_AreNeverWrittenToTheLog()
    {
        var ct = Timeout();
        var root = ServeTestHost.NewRoot();
        var log = new CapturingLoggerProvider();
        try
        {
            var app = DocPipeline.Host.Hosting.ServeHost.Build(ServeTestHost.Arguments(root, "DOCPIPELINE_API_KEY=" + Key));
            await using (app)
            {
                app.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
                await app.StartAsync(ct);
                var address = DocPipeline.Host.Hosting.ServeHost.Addresses(app).First();
                using var client = new HttpClient { BaseAddress = address };
                using (await client.PostAsync("api/documents?name=a.txt&code=" + Uri.EscapeDataString(Key), new ByteArrayContent(ServeJson.UniqueText()), ct))
                using (await client.PostAsync("api/documents?name=a.txt&code=wrong-key-wrong-key-0000", new ByteArrayContent(ServeJson.UniqueText()), ct))
                {
                }

                await app.StopAsync(ct);
            }
        }
        finally
        {
            ServeTestHost.DeleteRoot(root);
        }

        Assert.Contains(log.Messages, m => m.Contains("refused: API key invalid", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.Contains("Upload doc-", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Messages, m => m.Contains(Key, StringComparison.Ordinal) || m.Contains("wrong-key-wrong-key", StringComparison.Ordinal));
    }
}
