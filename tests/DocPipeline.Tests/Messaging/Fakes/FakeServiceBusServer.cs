using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.Messaging.Fakes;

/// <summary>
/// An in-process Service Bus that speaks the queue REST API over real HTTP on 127.0.0.1: send, peek-lock with
/// long polling, complete / abandon / renew on the lock URI (404 or 410 once the lock is gone), lock expiry with
/// redelivery, dead-lettering after the maximum delivery count, SAS signature checks and bearer tokens.
/// </summary>
/// <remarks>
/// SAS tokens are checked for key name, expiry, signature and that the resource path covers the requested entity;
/// the resource host is not compared, so tokens issued for a real namespace host are accepted here.
/// </remarks>
public sealed partial class FakeServiceBusServer : IAsyncDisposable
{
    private const string DeadLetterSuffix = "$DeadLetterQueue";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly Dictionary<string, FakeEntity> _queues = new(StringComparer.OrdinalIgnoreCase);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastSequenceNumber;
    private int _failuresToInject;
    private HttpStatusCode _injectedStatus;
    private int _sends, _deliveries, _emptyReceives, _completes, _abandons, _renewals, _lockLost, _expirations, _deadLettered, _unauthorized;

    private FakeServiceBusServer(FakeServiceBusOptions options, WebApplication app)
    {
        Options = options;
        _app = app;
        foreach (var queue in options.Queues)
        {
            GetOrCreate(queue);
        }
    }

    /// <summary>The behaviour this server was started with.</summary>
    public FakeServiceBusOptions Options { get; }

    /// <summary>The base address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>A connection string with the server's key and no entity path.</summary>
    public string ConnectionString => CreateConnectionString();

    /// <summary>Why the last request was refused with 401.</summary>
    public string? LastAuthorizationFailure { get; private set; }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<FakeServiceBusServer> StartAsync(FakeServiceBusOptions? options = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeServiceBusServer(options ?? new FakeServiceBusOptions(), app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.Endpoint = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Builds a connection string for this server.</summary>
    /// <param name="entityPath">An optional <c>EntityPath</c>.</param>
    /// <param name="key">A key to put in instead of the real one (to test rejection).</param>
    public string CreateConnectionString(string? entityPath = null, string? key = null) =>
        $"Endpoint={Endpoint};SharedAccessKeyName={Options.KeyName};SharedAccessKey={key ?? Options.Key}"
        + (entityPath is null ? string.Empty : $";EntityPath={entityPath}");

    /// <summary>A snapshot of the counters.</summary>
    public FakeServiceBusCounters Counters
    {
        get
        {
            lock (_gate)
            {
                Sweep(Options.TimeProvider.GetUtcNow());
                return new(_sends, _deliveries, _emptyReceives, _completes, _abandons, _renewals, _lockLost, _expirations, _deadLettered, _unauthorized);
            }
        }
    }

    /// <summary>The messages of a queue (or its dead-letter queue), in sequence order.</summary>
    public IReadOnlyList<FakeMessageSnapshot> GetMessages(string queue, bool deadLetter = false)
    {
        lock (_gate)
        {
            Sweep(Options.TimeProvider.GetUtcNow());
            if (!_queues.TryGetValue(queue, out var entity))
            {
                return [];
            }

            var target = deadLetter ? entity.DeadLetter! : entity;
            return target.Messages.Select(m => m.Snapshot()).ToList();
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="status"/>, whatever they are.</summary>
    public void FailNextRequests(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _failuresToInject = count;
            _injectedStatus = status;
        }
    }

    /// <summary>
    /// Completes once <paramref name="condition"/> holds. It is re-checked after every state change and whenever a
    /// lock or schedule falls due on the broker clock; it runs under the server's lock.
    /// </summary>
    public async Task WaitUntilAsync(Func<FakeServiceBusServer, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            TimeSpan? wake;
            lock (_gate)
            {
                var now = Options.TimeProvider.GetUtcNow();
                Sweep(now);
                if (condition(this))
                {
                    return;
                }

                changed = _changed.Task;
                wake = NextWake(now) - now;
            }

            await WaitForChangeAsync(changed, wake, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task WaitForChangeAsync(Task changed, TimeSpan? wake, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = new List<Task> { changed, Task.Delay(Timeout.Infinite, timer.Token) };
        if (wake is { } due)
        {
            waits.Add(Task.Delay(due > TimeSpan.Zero ? due : TimeSpan.Zero, Options.TimeProvider, timer.Token));
        }

        await Task.WhenAny(waits);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private FakeEntity GetOrCreate(string queue)
    {
        if (!_queues.TryGetValue(queue, out var entity))
        {
            entity = new FakeEntity(queue, new FakeEntity(queue + "/" + DeadLetterSuffix, null));
            _queues[queue] = entity;
        }

        return entity;
    }

    private void NotifyChanged()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }

    /// <summary>Releases expired locks; messages that used up their deliveries go to the dead-letter queue.</summary>
    private void Sweep(DateTimeOffset now)
    {
        var changed = false;
        foreach (var entity in _queues.Values)
        {
            foreach (var target in new[] { entity, entity.DeadLetter! })
            {
                foreach (var message in target.Messages.Where(m => m.IsLocked && m.LockedUntil <= now).ToList())
                {
                    _expirations++;
                    Release(target, message, "lock expired");
                    changed = true;
                }
            }
        }

        if (changed)
        {
            NotifyChanged();
        }
    }

    private void Release(FakeEntity entity, FakeBrokerMessage message, string cause)
    {
        message.LockToken = null;
        message.LockedUntil = null;
        if (entity.DeadLetter is { } deadLetter && message.DeliveryCount >= Options.MaxDeliveryCount)
        {
            entity.Messages.Remove(message);
            message.DeadLetterReason = "MaxDeliveryCountExceeded";
            message.DeadLetterErrorDescription = $"Message could not be consumed after {message.DeliveryCount} delivery attempts ({cause}).";
            deadLetter.Messages.Add(message);
            _deadLettered++;
        }
    }

    private DateTimeOffset? NextWake(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        foreach (var entity in _queues.Values)
        {
            foreach (var message in entity.Messages.Concat(entity.DeadLetter!.Messages))
            {
                var due = message.IsLocked ? message.LockedUntil : message.ScheduledEnqueueTime;
                if (due is { } at && at > now && (next is null || at < next))
                {
                    next = at;
                }
            }
        }

        return next;
    }
}
