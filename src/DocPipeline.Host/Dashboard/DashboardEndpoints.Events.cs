using System.Text.Json;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Host.Dashboard;

/// <content>The server-sent event stream.</content>
public static partial class DashboardEndpoints
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    // Proxies close idle responses; a comment line now and then keeps the stream open.
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    /// <summary>
    /// <c>text/event-stream</c>: a <c>ready</c> event, then a <c>status</c> event whenever an instance appears or its
    /// status, progress or update time changes, and <c>removed</c> when one is purged. Ends when the client leaves or
    /// the host stops.
    /// </summary>
    private static async Task StreamEventsAsync(HttpContext context, DurableTaskClient client, IHostApplicationLifetime lifetime)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 2000\nevent: ready\ndata: {}\n\n", stop.Token);
        await response.Body.FlushAsync(stop.Token);

        var time = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var feed = new InstanceChangeFeed(client, time);
        var lastWrite = time.GetUtcNow();
        try
        {
            await foreach (var changes in feed.WatchAsync(PollInterval, stop.Token))
            {
                if (changes.Count == 0 && time.GetUtcNow() - lastWrite < KeepAlive)
                {
                    continue;
                }

                await response.WriteAsync(changes.Count == 0 ? ": keep-alive\n\n" : Format(changes), stop.Token);
                await response.Body.FlushAsync(stop.Token);
                lastWrite = time.GetUtcNow();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The browser left or the host is stopping: the stream simply ends.
        }
    }

    private static string Format(IReadOnlyList<InstanceChange> changes) =>
        string.Concat(changes.Select(c => $"event: {c.Kind}\ndata: {c.Payload.ToJsonString(JsonSerializerOptions.Default)}\n\n"));
}
