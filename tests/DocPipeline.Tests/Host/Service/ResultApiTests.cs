using DocPipeline.Host.Hosting;
using System.Net;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>GET /api/documents/{id}/result in every state of a run.</summary>
[Collection(ServeCollection.Name)]
public sealed class ResultApiTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    [Fact]
    public async Task GetResult_UnknownId_Returns404()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);

        using var response = await host.Client.GetAsync("api/documents/doc-0123456789abcdef0123456789abcdef/result", ct);

        await UploadApiTests.AssertProblemAsync(response, HttpStatusCode.NotFound, "doc-0123456789abcdef0123456789abcdef", ct);
    }

    [Fact]
    public async Task GetResult_Completed_Returns200WithStoredJson()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        using var upload = await host.UploadAsync(ServeJson.UniqueText(), "notes.txt", ct);
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, ct), "id");
        await host.WaitForRunAsync(id, ct);

        using var response = await host.Client.GetAsync($"api/documents/{id}/result", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await File.ReadAllTextAsync(Path.Combine(host.ResultsPath, id + ".json"), ct);
        Assert.Equal(stored, await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task GetResult_NotStartedYet_Returns202WithLocationAndStatus()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        var id = await ScheduleLaterAsync(host, ct);

        using var response = await host.Client.GetAsync($"api/documents/{id}/result", ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(new Uri(host.BaseAddress, $"api/documents/{id}/result"), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var body = await ServeJson.ReadAsync(response, ct);
        Assert.Equal(id, ServeJson.String(body, "id"));
        Assert.Equal("Pending", ServeJson.String(body, "runtimeStatus"));
        Assert.Contains("/runtime/webhooks/durabletask/instances/" + id, ServeJson.String(body, "statusQueryGetUri"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResult_RunningThenSuspended_Returns202Then409()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);

        // Disposed first, so the held callback lets go before the host waits for its activities.
        await using var callback = await HeldCallbackServer.StartAsync(ct);
        using var upload = await host.UploadAsync(ServeJson.UniqueText(), "held.txt", ct, "&callbackUrl=" + Uri.EscapeDataString(callback.Url.ToString()));
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, ct), "id");
        await callback.Called.WaitAsync(ct);

        using (var running = await host.Client.GetAsync($"api/documents/{id}/result", ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
            var body = await ServeJson.ReadAsync(running, ct);
            Assert.Equal("Running", ServeJson.String(body, "runtimeStatus"));
            Assert.Equal("store", body.GetProperty("customStatus").GetProperty("stage").GetString());
        }

        await host.Durable.SuspendInstanceAsync(id, "hold", ct);
        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Suspended, ct);
        using var suspended = await host.Client.GetAsync($"api/documents/{id}/result", ct);

        await UploadApiTests.AssertProblemAsync(suspended, HttpStatusCode.Conflict, "suspended", ct);
        await host.Durable.TerminateInstanceAsync(id, "test over", ct);
    }

    [Fact]
    public async Task GetResult_Terminated_Returns409()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);
        // A run held at its callback step is running; terminating it ends it without a result.
        await using var callback = await HeldCallbackServer.StartAsync(ct);
        using var upload = await host.UploadAsync(ServeJson.UniqueText(), "held.txt", ct, "&callbackUrl=" + Uri.EscapeDataString(callback.Url.ToString()));
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, ct), "id");
        await callback.Called.WaitAsync(ct);
        await host.Durable.TerminateInstanceAsync(id, "not needed", ct);
        await host.WaitForRunAsync(id, ct);

        using var response = await host.Client.GetAsync($"api/documents/{id}/result", ct);

        await UploadApiTests.AssertProblemAsync(response, HttpStatusCode.Conflict, "terminated", ct);
    }

    [Fact]
    public async Task GetResult_FailedRun_Returns422WithTheReason()
    {
        var ct = Timeout();
        await using var host = await ServeTestHost.StartAsync(ct);

        // The header makes it look like a PDF to the quick check; the full extraction then finds it damaged.
        var broken = Encoding.ASCII.GetBytes("%PDF-1.7\n" + Guid.NewGuid().ToString("N") + "\nthis is not a PDF body\n");
        using var upload = await host.UploadAsync(broken, "broken.pdf", ct);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = ServeJson.String(await ServeJson.ReadAsync(upload, ct), "id");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.WaitForRunAsync(id, ct)).RuntimeStatus);

        using var response = await host.Client.GetAsync($"api/documents/{id}/result", ct);

        var problem = await UploadApiTests.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "ExtractText failed", ct);
        Assert.Equal(id, ServeJson.String(problem, "instanceId"));
        Assert.Equal("extract", ServeJson.String(problem, "stage"));
    }

    /// <summary>A real pipeline instance that stays Pending: its start time is a day away.</summary>
    private static async Task<string> ScheduleLaterAsync(ServeTestHost host, CancellationToken ct)
    {
        var submitter = host.App.Services.GetRequiredService<DocumentSubmitter>();
        var id = "doc-" + Guid.NewGuid().ToString("N");
        var input = new DocPipeline.Pipeline.Contracts.DocumentPipelineInput("originals/none", "later.txt", new string('0', 64), 1, DateTime.UtcNow, submitter.CreatePlan(), "http");
        await host.Durable.ScheduleNewOrchestrationInstanceAsync(DocumentPipelineOrchestrator.Name, input, new StartOrchestrationOptions(id) { StartAt = DateTimeOffset.UtcNow.AddDays(1) }, ct);
        return id;
    }

    private static async Task WaitForStatusAsync(ServeTestHost host, string id, OrchestrationRuntimeStatus status, CancellationToken ct)
    {
        while (true)
        {
            var signal = host.Durable.NextChangeAsync();
            if ((await host.Durable.GetInstanceAsync(id, getInputsAndOutputs: true, cancellation: ct))?.RuntimeStatus == status)
            {
                return;
            }

            await DocPipeline.Host.Triggers.WorkSignal.WaitAsync(signal, TimeSpan.FromMilliseconds(200), TimeProvider.System, ct);
        }
    }
}
