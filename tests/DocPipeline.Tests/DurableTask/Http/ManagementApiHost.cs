using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DocPipeline.DurableTask;
using DocPipeline.DurableTask.AzureStorage;
using DocPipeline.DurableTask.Hosting;
using DocPipeline.DurableTask.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.DurableTask.Http;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with the management API mapped, the DTFx worker on its own task hub in a real
/// Azurite, and an HttpClient pointed at it.
/// </summary>
public sealed class ManagementApiHost : IAsyncDisposable
{
    public const string Prefix = "/runtime/webhooks/durabletask";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, bool> _allowed;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates;

    private ManagementApiHost(WebApplication app, string hubName, ConcurrentDictionary<string, bool> allowed, ConcurrentDictionary<string, TaskCompletionSource> gates, Uri baseAddress)
    {
        _app = app;
        HubName = hubName;
        _allowed = allowed;
        _gates = gates;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string HubName { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public DurableTaskClient Client => _app.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Starts a host on a new hub. <paramref name="map"/> maps endpoints; by default, the management API at its standard prefix.</summary>
    public static async Task<ManagementApiHost> StartAsync(string connectionString, Action<WebApplication>? map = null)
    {
        var hubName = "h" + Guid.NewGuid().ToString("N")[..16];
        var allowed = new ConcurrentDictionary<string, bool>();
        var gates = new ConcurrentDictionary<string, TaskCompletionSource>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["extensions:durableTask:hubName"] = hubName,
            ["extensions:durableTask:storageProvider:partitionCount"] = "1",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
        });
        builder.Services.AddDurableTaskHost(builder.Configuration, b =>
        {
            b.UseBackend(sp => AzureStorageBackend.Create(
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DurableTaskHostOptions>>().Value,
                AzureStorageAccount.FromConnectionString(connectionString),
                sp.GetService<ILoggerFactory>()));
            Register(b, allowed, gates);
        });
        var app = builder.Build();
        if (map is null)
        {
            app.MapDurableTaskManagementApi();
        }
        else
        {
            map(app);
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.StartAsync(cts.Token);
        var address = new Uri(app.Urls.First());
        return new ManagementApiHost(app, hubName, allowed, gates, address);
    }

    /// <summary>Lets the "MaybeFail" activity succeed for <paramref name="key"/> from now on (it throws for every other key).</summary>
    public void Allow(string key) => _allowed[key] = true;

    /// <summary>Lets the "WaitForGate" activity for <paramref name="key"/> return.</summary>
    public void OpenGate(string key) => Gate(_gates, key).TrySetResult();

    public static string NewId(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}";

    public string InstanceUrl(string instanceId) => $"{Prefix}/instances/{Uri.EscapeDataString(instanceId)}";

    /// <summary>Starts an orchestration through the API and returns its id.</summary>
    public async Task<string> StartAsync(string name, string? jsonInput, string? instanceId = null)
    {
        instanceId ??= NewId();
        using var content = jsonInput is null ? null : new StringContent(jsonInput, System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync($"{Prefix}/orchestrators/{name}/{Uri.EscapeDataString(instanceId)}", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return instanceId;
    }

    /// <summary>
    /// Polls the status route until the runtime status is one of <paramref name="statuses"/>, re-reading whenever this
    /// process's worker commits a step of the instance, and returns the last status body.
    /// </summary>
    public async Task<JsonElement> WaitForStatusAsync(string instanceId, params string[] statuses)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? last = null;
        while (true)
        {
            var changed = _app.Services.GetRequiredService<InstanceChangeSignal>().NextChangeAsync(instanceId);
            using (var response = await Http.GetAsync(InstanceUrl(instanceId), cts.Token))
            {
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted)
                {
                    var body = await ReadJsonAsync(response);
                    last = body.GetProperty("runtimeStatus").GetString();
                    if (statuses.Contains(last))
                    {
                        return body;
                    }
                }
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Instance '{instanceId}' did not reach {string.Join("/", statuses)} in time; last status {last ?? "none"}.");
            }

            await WaitForChangeAsync(changed, cts.Token);
        }
    }

    /// <summary>Waits until this process's worker commits a step of <paramref name="instanceId"/>, or briefly when none comes.</summary>
    public Task WaitForChangeAsync(string instanceId, CancellationToken cancellationToken) =>
        WaitForChangeAsync(_app.Services.GetRequiredService<InstanceChangeSignal>().NextChangeAsync(instanceId), cancellationToken);

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await _app.StopAsync(cts.Token);
        }

        await _app.DisposeAsync();
    }

    private static async Task WaitForChangeAsync(Task changed, CancellationToken cancellationToken)
    {
        // A status read by the client (a start, an event) is not a worker commit: poll briefly as well.
        await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource Gate(ConcurrentDictionary<string, TaskCompletionSource> gates, string key) =>
        gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static void Register(DurableTaskHostBuilder builder, ConcurrentDictionary<string, bool> allowed, ConcurrentDictionary<string, TaskCompletionSource> gates) => builder
        .AddActivityFunc<string?, string>("SayHello", (_, name) => Task.FromResult<string?>($"Hello {name}!"))
        .AddActivityFunc<string, string>("Explode", (_, message) => throw new InvalidOperationException(message))
        .AddActivityFunc<string, string>("MaybeFail", (_, key) =>
            allowed.ContainsKey(key!) ? Task.FromResult<string?>("recovered") : throw new InvalidOperationException($"not yet allowed: {key}"))
        .AddActivityFunc<string, string>("WaitForGate", async (_, key) =>
        {
            await Gate(gates, key!).Task;
            return "opened";
        })
        .AddOrchestratorFunc<string, string>("Gated", (ctx, key) => ctx.CallActivityAsync<string?>("WaitForGate", key))
        .AddOrchestratorFunc<string?, string>("Hello", async (ctx, name) =>
        {
            var greeting = await ctx.CallActivityAsync<string?>("SayHello", name);
            ctx.SetCustomStatus(new { stage = "done" });
            return greeting;
        })
        .AddOrchestratorFunc<object?, List<string>>("HelloSequence", async (ctx, _) =>
        [
            await ctx.CallActivityAsync<string>("SayHello", "Tokyo"),
            await ctx.CallActivityAsync<string>("SayHello", "Seattle"),
            await ctx.CallActivityAsync<string>("SayHello", "London"),
        ])
        .AddOrchestratorFunc<object?, JsonElement>("WaitForApproval", async (ctx, _) =>
        {
            ctx.SetCustomStatus(new { stage = "waiting" });
            return await ctx.WaitForExternalEvent<JsonElement>("Approval");
        })
        .AddOrchestratorFunc<string, string>("Parent", (ctx, name) =>
            ctx.CallSubOrchestratorAsync<string?>("Hello", name, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-child" }))
        .AddOrchestratorFunc<string, string>("Fails", (ctx, message) => ctx.CallActivityAsync<string?>("Explode", message))
        .AddOrchestratorFunc<string, string>("Flaky", (ctx, key) => ctx.CallActivityAsync<string?>("MaybeFail", key));
}
