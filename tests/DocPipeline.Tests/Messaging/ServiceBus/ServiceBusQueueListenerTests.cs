using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using DocPipeline.Messaging.ServiceBus;
using DocPipeline.Tests.Messaging.Fakes;
using DocPipeline.Tests.Messaging.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace DocPipeline.Tests.Messaging.ServiceBus;

public sealed class ServiceBusQueueListenerTests
{
    private const int HandlerFailedEvent = 4106;
    private const int LockLostEvent = 4108;
    private const int ReceiveFailedEvent = 4112;
    private const int AbandonedOnShutdownEvent = 4114;

    [Fact]
    public async Task RunAsync_MessagesArrive_EachHandledOnceAndCompleted()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        var seen = new ConcurrentBag<string>();
        var listener = new ServiceBusQueueListener(client, (m, _) => { seen.Add(m.Body.ToString()); return Task.CompletedTask; }, FastOptions(4));
        for (var i = 0; i < 5; i++)
        {
            await client.SendAsync(new ServiceBusMessage(BinaryData.FromString($"doc-{i}")), timeout.Token);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = listener.RunAsync(stop.Token);
        await fake.WaitUntilAsync(f => f.Counters.Completes == 5, timeout.Token);
        await stop.CancelAsync();
        await run.WaitAsync(timeout.Token);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"doc-{i}").Order(), seen.Order());
        Assert.Empty(fake.GetMessages("orders"));
        Assert.Equal(5, fake.Counters.Deliveries);
    }

    [Fact]
    public async Task RunAsync_SlowHandler_LockRenewedPastLockDuration()
    {
        using var timeout = TestTimeout.Start();
        // Long enough that a busy machine renewing a little late does not lose the lock; still short enough to need renewals.
        var lockDuration = TimeSpan.FromSeconds(4);
        await using var fake = await FakeServiceBusServer.StartAsync(new FakeServiceBusOptions { LockDuration = lockDuration }, timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        var handled = Stopwatch.StartNew();
        var calls = 0;
        var listener = new ServiceBusQueueListener(
            client,
            async (_, _) =>
            {
                Interlocked.Increment(ref calls);
                handled.Restart();

                // Hold the message until the lock has been renewed often enough to outlive its first expiry.
                await fake.WaitUntilAsync(f => f.Counters.Renewals >= 3, timeout.Token);
                handled.Stop();
            },
            FastOptions(1));
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("slow")), timeout.Token);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = listener.RunAsync(stop.Token);
        await fake.WaitUntilAsync(f => f.Counters.Completes == 1, timeout.Token);
        await stop.CancelAsync();
        await run.WaitAsync(timeout.Token);

        Assert.True(handled.Elapsed > lockDuration, $"handler ran {handled.Elapsed}");
        Assert.Equal(1, calls);
        var counters = fake.Counters;
        Assert.Equal(0, counters.LockExpirations);
        Assert.Equal(0, counters.LockLostResponses);
        Assert.Equal(1, counters.Deliveries);
    }

    [Fact]
    public async Task RunAsync_HandlerThrows_AbandonedRedeliveredThenDeadLettered()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(new FakeServiceBusOptions { MaxDeliveryCount = 3 }, timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        var logger = new RecordingLogger<ServiceBusQueueListener>();
        var deliveries = new ConcurrentQueue<int>();
        var listener = new ServiceBusQueueListener(
            client,
            (m, _) =>
            {
                deliveries.Enqueue(m.DeliveryCount);
                throw new InvalidOperationException("cannot process");
            },
            FastOptions(1),
            logger);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("poison")) { MessageId = "p-1" }, timeout.Token);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = listener.RunAsync(stop.Token);
        await fake.WaitUntilAsync(f => f.GetMessages("orders", deadLetter: true).Count == 1, timeout.Token);
        await stop.CancelAsync();
        await run.WaitAsync(timeout.Token);

        Assert.Equal([1, 2, 3], deliveries);
        Assert.Equal(3, fake.Counters.Abandons);
        Assert.Equal(3, logger.Count(HandlerFailedEvent));
        Assert.All(logger.Entries.Where(e => e.EventId == HandlerFailedEvent), e => Assert.IsType<InvalidOperationException>(e.Exception));
        var dead = await client.ReceiveDeadLetterAsync(TimeSpan.Zero, timeout.Token);
        Assert.Equal("p-1", dead?.MessageId);
        Assert.Equal("MaxDeliveryCountExceeded", dead!.DeadLetterReason);
    }

    [Fact]
    public async Task RunAsync_LockLostWhileHandling_LoggedAndMessageRedelivered()
    {
        using var timeout = TestTimeout.Start();
        var brokerTime = new FakeTimeProvider();
        await using var fake = await FakeServiceBusServer.StartAsync(
            new FakeServiceBusOptions { LockDuration = TimeSpan.FromSeconds(30), TimeProvider = brokerTime },
            timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        var logger = new RecordingLogger<ServiceBusQueueListener>();
        var deliveries = new ConcurrentQueue<int>();
        var options = FastOptions(1);
        options.MaxAutoLockRenewalDuration = TimeSpan.Zero;
        var listener = new ServiceBusQueueListener(
            client,
            (m, _) =>
            {
                deliveries.Enqueue(m.DeliveryCount);
                if (m.DeliveryCount == 1)
                {
                    // The first delivery outlives its lock on the broker clock.
                    brokerTime.Advance(TimeSpan.FromSeconds(31));
                }

                return Task.CompletedTask;
            },
            options,
            logger);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = listener.RunAsync(stop.Token);
        await fake.WaitUntilAsync(f => f.Counters.Completes == 1, timeout.Token);
        var stillRunning = !run.IsCompleted;
        await stop.CancelAsync();
        await run.WaitAsync(timeout.Token);

        Assert.True(stillRunning);
        Assert.Equal([1, 2], deliveries);
        Assert.Equal(1, fake.Counters.LockLostResponses);
        Assert.Equal(1, logger.Count(LockLostEvent));
        Assert.Empty(fake.GetMessages("orders"));
    }

    [Fact]
    public async Task RunAsync_ManyMessages_ConcurrencyCappedAtMaxConcurrentCalls()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        var current = 0;
        var peak = 0;
        var handledCount = 0;
        var capReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new ServiceBusQueueListener(
            client,
            async (_, ct) =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref peak, now);
                if (now == 3)
                {
                    capReached.TrySetResult();
                }

                await capReached.Task.WaitAsync(ct);
                Interlocked.Decrement(ref current);
                Interlocked.Increment(ref handledCount);
            },
            FastOptions(3));
        for (var i = 0; i < 12; i++)
        {
            await client.SendAsync(new ServiceBusMessage(BinaryData.FromString($"m{i}")), timeout.Token);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = listener.RunAsync(stop.Token);
        await fake.WaitUntilAsync(f => f.Counters.Completes == 12, timeout.Token);
        await stop.CancelAsync();
        await run.WaitAsync(timeout.Token);

        Assert.Equal(3, peak);
        Assert.Equal(12, handledCount);
        Assert.Equal(12, fake.Counters.Deliveries);
    }

    [Fact]
    public async Task RunAsync_StoppedWhileHandling_HandlerFinishesAndMessageCompleted()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokenCancelled = false;
        var handled = 0;
        var listener = new ServiceBusQueueListener(
            client,
            async (_, ct) =>
            {
                Interlocked.Increment(ref handled);
                started.TrySetResult();
                await release.Task;
                tokenCancelled = ct.IsCancellationRequested;
            },
            FastOptions(2));
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = listener.RunAsync(stop.Token);
        await started.Task.WaitAsync(timeout.Token);
        await stop.CancelAsync();
        var stoppedEarly = run.IsCompleted;
        var inFlight = listener.InFlightCount;
        release.SetResult();
        await run.WaitAsync(timeout.Token);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("after stop")), timeout.Token);

        Assert.False(stoppedEarly);
        Assert.Equal(1, inFlight);
        Assert.False(tokenCancelled);
        Assert.Equal(1, fake.Counters.Completes);
        Assert.Equal(1, Volatile.Read(ref handled));

        // A long-poll receive cancelled by the stop may still be answered by the broker, so the later message can be
        // handed out once more; the stopped listener neither handles nor completes it, and it stays in the queue.
        var left = Assert.Single(fake.GetMessages("orders"));
        Assert.Equal("after stop"u8.ToArray(), left.Body);
        Assert.InRange(fake.Counters.Deliveries, 1, 2);
    }

    [Fact]
    public async Task RunAsync_HandlerOutlivesShutdownTimeout_TokenCancelledAndMessageAbandoned()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        var logger = new RecordingLogger<ServiceBusQueueListener>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sawCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = FastOptions(1);
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(100);
        var listener = new ServiceBusQueueListener(
            client,
            async (_, ct) =>
            {
                started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    sawCancellation.TrySetResult();
                }
            },
            options,
            logger);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")) { MessageId = "s-1" }, timeout.Token);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = listener.RunAsync(stop.Token);
        await started.Task.WaitAsync(timeout.Token);
        await stop.CancelAsync();
        await run.WaitAsync(timeout.Token);
        await sawCancellation.Task.WaitAsync(timeout.Token);

        Assert.Equal(1, fake.Counters.Abandons);
        Assert.Equal(0, fake.Counters.Completes);
        var message = Assert.Single(fake.GetMessages("orders"));
        Assert.False(message.IsLocked);
        Assert.Equal(1, logger.Count(HandlerFailedEvent) + logger.Count(AbandonedOnShutdownEvent));
    }

    [Fact]
    public async Task RunAsync_BrokerFailsReceives_BacksOffAndRecovers()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        var logger = new RecordingLogger<ServiceBusQueueListener>();
        var listener = new ServiceBusQueueListener(client, (_, _) => Task.CompletedTask, FastOptions(1), logger);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token);
        fake.FailNextRequests(3, HttpStatusCode.ServiceUnavailable);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var run = listener.RunAsync(stop.Token);
        await fake.WaitUntilAsync(f => f.Counters.Completes == 1, timeout.Token);
        await stop.CancelAsync();
        await run.WaitAsync(timeout.Token);

        var failures = logger.Entries.Where(e => e.EventId == ReceiveFailedEvent).ToList();
        Assert.Equal(3, failures.Count);
        Assert.All(failures, f => Assert.Equal(HttpStatusCode.ServiceUnavailable, Assert.IsType<ServiceBusException>(f.Exception).StatusCode));
        Assert.Empty(fake.GetMessages("orders"));
    }

    [Fact]
    public async Task RunAsync_AlreadyRunning_Throws()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        var listener = new ServiceBusQueueListener(client, (_, _) => Task.CompletedTask, FastOptions(1));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);

        var run = listener.RunAsync(stop.Token);
        await Assert.ThrowsAsync<InvalidOperationException>(() => listener.RunAsync(stop.Token));
        await stop.CancelAsync();
        await run.WaitAsync(timeout.Token);
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(1, -1)]
    public void Ctor_InvalidOptions_Throws(int maxConcurrentCalls, int renewalSeconds)
    {
        using var client = new ServiceBusRestClient("Endpoint=http://127.0.0.1:9/;SharedAccessKeyName=k;SharedAccessKey=v", "orders");
        var options = new ServiceBusListenerOptions
        {
            MaxConcurrentCalls = maxConcurrentCalls,
            MaxAutoLockRenewalDuration = TimeSpan.FromSeconds(renewalSeconds),
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => new ServiceBusQueueListener(client, (_, _) => Task.CompletedTask, options));
    }

    private static ServiceBusListenerOptions FastOptions(int maxConcurrentCalls) => new()
    {
        MaxConcurrentCalls = maxConcurrentCalls,
        ReceiveWaitTime = TimeSpan.FromSeconds(10),
        InitialRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(100),
        ShutdownTimeout = TimeSpan.FromSeconds(10),
    };

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
