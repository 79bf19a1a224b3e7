using Microsoft.DurableTask.Client;
using DocPipeline.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>
/// <c>docpipeline serve</c> on real Kestrel at 127.0.0.1 (a free port), in a temporary app root with its own data
/// folder, results folder and settings; deleted on dispose.
/// </summary>
public sealed class ServeTestHost : IAsyncDisposable
{
    private ServeTestHost(WebApplication app, string root, Uri baseAddress)
    {
        App = app;
        Root = root;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public string Root { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public DurableTaskClient Durable => App.Services.GetRequiredService<DurableTaskClient>();

    public string ResultsPath => Path.Combine(Root, "results");

    /// <summary>Builds and starts a host; <paramref name="settings"/> are <c>Name=value</c> settings passed as <c>--Name=value</c>.</summary>
    public static async Task<ServeTestHost> StartAsync(CancellationToken cancellationToken, params string[] settings)
    {
        var root = NewRoot();
        try
        {
            var app = ServeHost.Build(Arguments(root, settings));
            await app.StartAsync(cancellationToken);
            return new ServeTestHost(app, root, ServeHost.Addresses(app).First());
        }
        catch
        {
            DeleteRoot(root);
            throw;
        }
    }

    /// <summary>The host arguments a test host uses: loopback on a free port, everything under <paramref name="root"/>.</summary>
    public static string[] Arguments(string root, params string[] settings) =>
    [
        "--urls=http://127.0.0.1:0",
        "--contentRoot=" + root,
        "--Pipeline:ResultsPath=" + Path.Combine(root, "results"),
        .. settings.Select(s => "--" + s),
    ];

    public static string NewRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "docpipeline-serve-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        return root;
    }

    public static void DeleteRoot(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Uploads raw bytes as <c>POST /api/documents?name=…</c> plus any extra query.</summary>
    public Task<HttpResponseMessage> UploadAsync(byte[] content, string name, CancellationToken cancellationToken, string extraQuery = "", string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/documents?name={Uri.EscapeDataString(name)}{extraQuery}")
        {
            Content = new ByteArrayContent(content),
        };
        request.Content.Headers.ContentType = new("application/octet-stream");
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return Client.SendAsync(request, cancellationToken);
    }

    /// <summary>Waits (on the store's signals, not a clock) until the run finishes.</summary>
    public Task<OrchestrationMetadata> WaitForRunAsync(string instanceId, CancellationToken cancellationToken) =>
        Durable.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        DeleteRoot(Root);
    }
}
