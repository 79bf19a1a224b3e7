using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DocPipeline.Durable;
using DocPipeline.Durable.Http;
using DocPipeline.Durable.Sqlite;
using DocPipeline.Durable.Store;
using DocPipeline.Tests.Durable.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.Durable.Http;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with the management API mapped, a real worker and a SQLite store in a
/// temporary folder, and an HttpClient pointed at it.
/// </summary>
public sealed class ManagementApiHost : IAsyncDisposable
{
    public const string HubName = "TestHub";
    public const string Prefix = "/runtime/webhooks/durabletask";

    private readonly WebApplication _app;
    private readonly TempDatabase _database;

    private readonly ConcurrentDictionary<string, bool> _allowed;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates;

    private ManagementApiHost(WebApplication app, TempDatabase database, ConcurrentDictionary<string, bool> allowed, ConcurrentDictionary<string, TaskCompletionSource> gates, Uri baseAddress)
    {
        _app = app;
        _database = database;
        _allowed = allowed;
        _gates = gates;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public DurableTaskClient Client => _app.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Starts a host. <paramref name="map"/> maps endpoints; by default, the management API at its standard prefix.</summary>
    public static async Task<ManagementApiHost> StartAsync(Action<WebApplication>? map = null)
    {
        var database = new TempDatabase();
        var allowed = new ConcurrentDictionary<string, bool>();
        var gates = new ConcurrentDictionary<string, TaskCompletionSource>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTask(b =>
        {
            b.UseSqlite(o =>
            {
                o.Path = database.FilePath;
                o.Durability = SqliteDurability.Normal;
            });
            Register(b.Registry, allowed, gates);
        });
        builder.Services.Configure<DurableTaskOptions>(o =>
        {
            o.HubName = HubName;
            o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
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

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StartAsync(cts.Token);
        var address = new Uri(app.Urls.First());
        return new ManagementApiHost(app, database, allowed, gates, address);
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
    /// Polls the status route until the runtime status is one of <paramref name="statuses"/>, re-reading whenever the
    /// store reports a change, and returns the last status body.
    /// </summary>
    public async Task<JsonElement> WaitForStatusAsync(string instanceId, params string[] statuses)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var store = _app.Services.GetRequiredService<IOrchestrationStore>();
        string? last = null;
        while (true)
        {
            var signal = store.StatusSignal.NextAsync();
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

            await WorkSignal.WaitAsync(signal, TimeSpan.FromMilliseconds(100), TimeProvider.System, CancellationToken.None);
        }
    }

    /// <summary>Waits until the store reports a status change in this process, or briefly when none comes.</summary>
    public Task WaitForChangeAsync(CancellationToken cancellationToken)
    {
        var signal = _app.Services.GetRequiredService<IOrchestrationStore>().StatusSignal.NextAsync();
        return WorkSignal.WaitAsync(signal, TimeSpan.FromMilliseconds(100), TimeProvider.System, cancellationToken);
    }

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
        _database.Dispose();
    }

    private static TaskCompletionSource Gate(ConcurrentDictionary<string, TaskCompletionSource> gates, string key) =>
        gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static void Register(DurableTaskRegistry registry, ConcurrentDictionary<string, bool> allowed, ConcurrentDictionary<string, TaskCompletionSource> gates) => registry
        .AddActivityFunc<string?, string>("SayHello", (name, _) => Task.FromResult($"Hello {name}!"))
        .AddActivityFunc<string, string>("Explode", (message, _) => throw new InvalidOperationException(message))
        .AddActivityFunc<string, string>("MaybeFail", (key, _) =>
            allowed.ContainsKey(key) ? Task.FromResult("recovered") : throw new InvalidOperationException($"not yet allowed: {key}"))
        .AddActivityFunc<string, string>("WaitForGate", async (key, ct) =>
        {
            await Gate(gates, key).Task.WaitAsync(ct);
            return "opened";
        })
        .AddOrchestratorFunc<string, string>("Gated", (ctx, key) => ctx.CallActivityAsync<string>("WaitForGate", key))
        .AddOrchestratorFunc<string?, string>("Hello", async (ctx, name) =>
        {
            var greeting = await ctx.CallActivityAsync<string>("SayHello", name);
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
            ctx.CallSubOrchestratorAsync<string>("Hello", name, new SubOrchestrationOptions(InstanceId: ctx.InstanceId + "-child")))
        .AddOrchestratorFunc<string, string>("Fails", (ctx, message) => ctx.CallActivityAsync<string>("Explode", message))
        .AddOrchestratorFunc<string, string>("Flaky", (ctx, key) => ctx.CallActivityAsync<string>("MaybeFail", key));
}
