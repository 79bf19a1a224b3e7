using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>
/// A callback receiver on 127.0.0.1 that holds every request open until released, so a pipeline run stays Running
/// in its last step for as long as a test needs.
/// </summary>
public sealed class HeldCallbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HeldCallbackServer(WebApplication app)
    {
        _app = app;
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Completes when the first callback arrives.</summary>
    public Task Called => _called.Task;

    public static async Task<HeldCallbackServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HeldCallbackServer(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            server._called.TrySetResult();
            await server._release.Task.WaitAsync(context.RequestAborted);
            return Results.Ok();
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(new Uri(address), "hook");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
