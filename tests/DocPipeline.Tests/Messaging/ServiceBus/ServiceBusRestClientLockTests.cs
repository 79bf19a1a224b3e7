using System.Net;
using DocPipeline.Messaging.ServiceBus;
using DocPipeline.Tests.Messaging.Fakes;
using DocPipeline.Tests.Messaging.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace DocPipeline.Tests.Messaging.ServiceBus;

/// <summary>Lock semantics, with the broker clock under the test's control.</summary>
public sealed class ServiceBusRestClientLockTests
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AbandonAsync_LockedMessage_RedeliveredAtOnceWithHigherDeliveryCount()
    {
        using var timeout = TestTimeout.Start();
        await using var broker = await Broker.StartAsync(maxDeliveryCount: 5, timeout.Token);
        var (fake, client) = (broker.Fake, broker.Client);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")) { MessageId = "a-1" }, timeout.Token);

        var first = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);
        await client.AbandonAsync(first!, timeout.Token);
        var second = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);

        Assert.Equal("a-1", second?.MessageId);
        Assert.Equal(2, second!.DeliveryCount);
        Assert.NotEqual(first!.LockToken, second.LockToken);
    }

    [Fact]
    public async Task CompleteAsync_Twice_SecondThrowsLockLost404()
    {
        using var timeout = TestTimeout.Start();
        await using var broker = await Broker.StartAsync(maxDeliveryCount: 5, timeout.Token);
        var (fake, client) = (broker.Fake, broker.Client);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token);
        var received = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);
        await client.CompleteAsync(received!, timeout.Token);

        var error = await Assert.ThrowsAsync<ServiceBusLockLostException>(() => client.CompleteAsync(received!, timeout.Token));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task CompleteAsync_AfterLockExpired_ThrowsLockLost410AndMessageComesBack()
    {
        using var timeout = TestTimeout.Start();
        await using var broker = await Broker.StartAsync(maxDeliveryCount: 5, timeout.Token);
        var (fake, client, time) = (broker.Fake, broker.Client, broker.Time);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")) { MessageId = "e-1" }, timeout.Token);
        var received = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);

        time.Advance(LockDuration + TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<ServiceBusLockLostException>(() => client.CompleteAsync(received!, timeout.Token));
        var again = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);

        Assert.Equal(HttpStatusCode.Gone, error.StatusCode);
        Assert.Equal("e-1", again?.MessageId);
        Assert.Equal(2, again!.DeliveryCount);
        Assert.Equal(1, fake.Counters.LockExpirations);
    }

    [Fact]
    public async Task RenewLockAsync_BeforeExpiry_KeepsMessageLockedPastOriginalExpiry()
    {
        using var timeout = TestTimeout.Start();
        await using var broker = await Broker.StartAsync(maxDeliveryCount: 5, timeout.Token);
        var (fake, client, time) = (broker.Fake, broker.Client, broker.Time);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token);
        var received = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);

        time.Advance(TimeSpan.FromSeconds(20));
        var lockedUntil = await client.RenewLockAsync(received!, timeout.Token);
        time.Advance(TimeSpan.FromSeconds(20));

        Assert.Null(await client.ReceiveAsync(TimeSpan.Zero, timeout.Token));
        await client.CompleteAsync(received!, timeout.Token);
        Assert.True(lockedUntil > received!.LockedUntil);
        Assert.Equal(0, fake.Counters.LockExpirations);
        Assert.Empty(fake.GetMessages("orders"));
    }

    [Fact]
    public async Task RenewLockAsync_AfterExpiry_ThrowsLockLost()
    {
        using var timeout = TestTimeout.Start();
        await using var broker = await Broker.StartAsync(maxDeliveryCount: 5, timeout.Token);
        var (fake, client, time) = (broker.Fake, broker.Client, broker.Time);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token);
        var received = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);

        time.Advance(LockDuration);

        await Assert.ThrowsAsync<ServiceBusLockLostException>(() => client.RenewLockAsync(received!, timeout.Token));
    }

    [Fact]
    public async Task ReceiveDeadLetterAsync_AfterMaxDeliveries_ReturnsMessageWithReason()
    {
        using var timeout = TestTimeout.Start();
        await using var broker = await Broker.StartAsync(maxDeliveryCount: 2, timeout.Token);
        var (fake, client) = (broker.Fake, broker.Client);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("poison")) { MessageId = "p-1" }, timeout.Token);

        await client.AbandonAsync((await client.ReceiveAsync(TimeSpan.Zero, timeout.Token))!, timeout.Token);
        await client.AbandonAsync((await client.ReceiveAsync(TimeSpan.Zero, timeout.Token))!, timeout.Token);
        var active = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);
        var dead = await client.ReceiveDeadLetterAsync(TimeSpan.Zero, timeout.Token);

        Assert.Null(active);
        Assert.NotNull(dead);
        Assert.Equal("p-1", dead.MessageId);
        Assert.Equal("poison", dead.Body.ToString());
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Contains("2 delivery attempts", dead.DeadLetterErrorDescription, StringComparison.Ordinal);
        Assert.True(dead.IsFromDeadLetterQueue);
        Assert.Equal("orders/$DeadLetterQueue", dead.EntityPath);
        Assert.Contains("/orders/$DeadLetterQueue/messages/", dead.LockUri.AbsoluteUri, StringComparison.Ordinal);

        await client.CompleteAsync(dead, timeout.Token);
        Assert.Empty(fake.GetMessages("orders", deadLetter: true));
    }

    [Fact]
    public async Task ReceiveAsync_ScheduledMessage_InvisibleUntilItsTime()
    {
        using var timeout = TestTimeout.Start();
        await using var broker = await Broker.StartAsync(maxDeliveryCount: 5, timeout.Token);
        var (fake, client, time) = (broker.Fake, broker.Client, broker.Time);
        await client.SendAsync(
            new ServiceBusMessage(BinaryData.FromString("later")) { ScheduledEnqueueTime = time.GetUtcNow().AddMinutes(10) },
            timeout.Token);

        var early = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);
        time.Advance(TimeSpan.FromMinutes(10));
        var due = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);

        Assert.Null(early);
        Assert.Equal("later", due?.Body.ToString());
    }

    private sealed class Broker : IAsyncDisposable
    {
        private Broker(FakeServiceBusServer fake, FakeTimeProvider time)
        {
            Fake = fake;
            Time = time;
            Client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        }

        public FakeServiceBusServer Fake { get; }

        public ServiceBusRestClient Client { get; }

        public FakeTimeProvider Time { get; }

        public static async Task<Broker> StartAsync(int maxDeliveryCount, CancellationToken cancellationToken)
        {
            // The broker clock starts in the past so the client's real-time SAS expiry stays valid on it.
            var time = new FakeTimeProvider();
            var fake = await FakeServiceBusServer.StartAsync(
                new FakeServiceBusOptions { LockDuration = LockDuration, MaxDeliveryCount = maxDeliveryCount, TimeProvider = time },
                cancellationToken);
            return new Broker(fake, time);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Fake.DisposeAsync();
        }
    }
}
