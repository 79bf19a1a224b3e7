using System.Net;
using Microsoft.DurableTask.Client;
using DocPipeline.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>The app through its entry point, the way WebApplicationFactory hosts it.</summary>
[Collection(ServeCollection.Name)]
public sealed class ServeAppFactoryTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    [Fact]
    public async Task EntryPoint_UnderTestServer_ServesHealthUploadAndResult()
    {
        var ct = Timeout();
        await using var factory = new ServeAppFactory();
        using var client = factory.CreateClient();

        using var health = await client.GetAsync("/health", ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.StartsWith(Path.GetFullPath(factory.Root), factory.Services.GetRequiredService<ServeSettings>().DataPath, StringComparison.Ordinal);

        using var upload = await client.PostAsync("/api/documents?name=memo.txt", new ByteArrayContent(ServeJson.UniqueText()), ct);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, ct), "id");
        var done = await factory.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellation: ct);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        using var result = await client.GetAsync($"/api/documents/{id}/result", ct);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(id, ServeJson.String(await ServeJson.ReadAsync(result, ct), "instanceId"));
    }

    [Fact]
    public async Task EntryPoint_WithKeySetting_RequiresIt()
    {
        var ct = Timeout();
        await using var factory = new ServeAppFactory("DOCPIPELINE_API_KEY=factory-key-0123456789");
        using var client = factory.CreateClient();

        using var anonymous = await client.GetAsync("/runtime/webhooks/durabletask/instances", ct);
        using var keyed = await client.GetAsync("/runtime/webhooks/durabletask/instances?code=factory-key-0123456789", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }
}
