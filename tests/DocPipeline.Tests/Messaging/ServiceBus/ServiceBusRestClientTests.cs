using System.Net;
using System.Net.Sockets;
using DocPipeline.Messaging.ServiceBus;
using DocPipeline.Tests.Messaging.Fakes;
using DocPipeline.Tests.Messaging.TestSupport;

namespace DocPipeline.Tests.Messaging.ServiceBus;

public sealed class ServiceBusRestClientTests
{
    [Fact]
    public async Task SendAsync_ThenReceiveAndComplete_RoundTripsBodyAndProperties()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(new FakeServiceBusOptions { LockDuration = TimeSpan.FromSeconds(45) }, timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");

        await client.SendAsync(
            new ServiceBusMessage(BinaryData.FromString("{\"n\":1} é"))
            {
                MessageId = "m-1",
                CorrelationId = "c-1",
                Label = "invoice",
                ContentType = "application/json",
                TimeToLive = TimeSpan.FromMinutes(5),
                ApplicationProperties = new Dictionary<string, string> { ["Tenant"] = "contoso ü" },
            },
            timeout.Token);
        var received = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);

        Assert.NotNull(received);
        Assert.Equal("{\"n\":1} é", received.Body.ToString());
        Assert.Equal("m-1", received.MessageId);
        Assert.Equal("c-1", received.CorrelationId);
        Assert.Equal("invoice", received.Label);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal(TimeSpan.FromMinutes(5), received.TimeToLive);
        Assert.Equal("contoso ü", received.ApplicationProperties["Tenant"]);
        Assert.Equal(1, received.DeliveryCount);
        Assert.True(received.SequenceNumber > 0);
        Assert.False(string.IsNullOrEmpty(received.LockToken));
        Assert.Equal(TimeSpan.FromSeconds(45), received.LockDuration);
        Assert.Equal("orders", received.EntityPath);
        Assert.False(received.IsFromDeadLetterQueue);
        Assert.Equal(fake.Endpoint.Authority, received.LockUri.Authority);

        await client.CompleteAsync(received, timeout.Token);

        Assert.Null(await client.ReceiveAsync(TimeSpan.Zero, timeout.Token));
        Assert.Empty(fake.GetMessages("orders"));
        Assert.Equal(1, fake.Counters.Completes);
    }

    [Fact]
    public async Task ReceiveAsync_EmptyQueue_ReturnsNull()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");

        var received = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);

        Assert.Null(received);
        Assert.Equal(1, fake.Counters.EmptyReceives);
    }

    [Fact]
    public async Task ReceiveAsync_LongPoll_ReturnsMessageSentWhileWaiting()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");

        var receive = client.ReceiveAsync(TimeSpan.FromSeconds(25), timeout.Token);
        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("late")) { MessageId = "late" }, timeout.Token);
        var received = await receive;

        Assert.NotNull(received);
        Assert.Equal("late", received.MessageId);
    }

    [Fact]
    public async Task ReceiveAsync_CancelledWhileWaiting_ThrowsOperationCanceled()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);

        var receive = client.ReceiveAsync(TimeSpan.FromSeconds(60), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => receive);
        Assert.False(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task SendAsync_EntityPathInConnectionString_UsedAsQueue()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.CreateConnectionString(entityPath: "invoices"));

        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token);

        Assert.Equal("invoices", client.QueueName);
        Assert.Single(fake.GetMessages("invoices"));
    }

    [Fact]
    public async Task SendAsync_EndpointOverride_TokensForNamespaceRequestsToOverride()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        var connectionString = $"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName={fake.Options.KeyName};SharedAccessKey={fake.Options.Key}";
        using var client = new ServiceBusRestClient(connectionString, "orders", new ServiceBusRestClientOptions { EndpointOverride = fake.Endpoint });

        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")) { MessageId = "o-1" }, timeout.Token);
        var received = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);
        Assert.NotNull(received);
        await client.CompleteAsync(received, timeout.Token);

        Assert.Equal(new Uri("https://contoso.servicebus.windows.net/orders"), client.QueueUri);
        Assert.Equal(fake.Endpoint.Authority, received.LockUri.Authority);
        Assert.Equal(1, fake.Counters.Completes);
    }

    [Fact]
    public async Task SendAsync_WrongKey_RejectedWith401()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.CreateConnectionString(key: "d3Jvbmcta2V5"), "orders");

        var error = await Assert.ThrowsAsync<ServiceBusException>(
            () => client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Equal("signature mismatch", fake.LastAuthorizationFailure);
        Assert.DoesNotContain("d3Jvbmcta2V5", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.GetMessages("orders"));
    }

    [Fact]
    public async Task SendAsync_ExpiredSignature_RejectedWith401()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        var past = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1));
        var signer = new SharedAccessSignatureAuthorization(fake.Options.KeyName, fake.Options.Key, TimeSpan.FromHours(1), past);
        using var client = new ServiceBusRestClient(fake.Endpoint, "orders", signer);

        var error = await Assert.ThrowsAsync<ServiceBusException>(
            () => client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("token expired", fake.LastAuthorizationFailure);
    }

    [Fact]
    public async Task SendAsync_EntraCredential_BearerAccepted()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(new FakeServiceBusOptions { BearerTokens = ["entra-ok"] }, timeout.Token);
        var credential = new FixedTokenCredential("entra-ok", DateTimeOffset.UtcNow.AddHours(1));
        using var client = new ServiceBusRestClient(fake.Endpoint.AbsoluteUri, "orders", credential);

        await client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")) { MessageId = "b-1" }, timeout.Token);
        var received = await client.ReceiveAsync(TimeSpan.Zero, timeout.Token);

        Assert.Equal("b-1", received?.MessageId);
        Assert.Equal(["https://servicebus.azure.net/.default"], credential.LastScopes);
        Assert.Equal(0, fake.Counters.Unauthorized);
    }

    [Fact]
    public async Task SendAsync_UnknownBearer_RejectedWith401()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(new FakeServiceBusOptions { BearerTokens = ["entra-ok"] }, timeout.Token);
        using var client = new ServiceBusRestClient(fake.Endpoint.AbsoluteUri, "orders", new FixedTokenCredential("stolen", DateTimeOffset.UtcNow.AddHours(1)));

        var error = await Assert.ThrowsAsync<ServiceBusException>(
            () => client.SendAsync(new ServiceBusMessage(BinaryData.FromString("x")), timeout.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("unknown bearer token", fake.LastAuthorizationFailure);
    }

    [Fact]
    public async Task ReceiveAsync_UnknownQueue_Throws404NotLockLost()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(new FakeServiceBusOptions { AutoCreateQueues = false, Queues = ["orders"] }, timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "missing");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.ReceiveAsync(TimeSpan.Zero, timeout.Token));

        Assert.IsNotType<ServiceBusLockLostException>(error);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("'missing' could not be found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TooLarge_Throws413()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(new FakeServiceBusOptions { MaxMessageSizeBytes = 1024 }, timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");

        var error = await Assert.ThrowsAsync<ServiceBusException>(
            () => client.SendAsync(new ServiceBusMessage(BinaryData.FromBytes(new byte[4096])), timeout.Token));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, error.StatusCode);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task ReceiveAsync_BrokerUnavailable_ThrowsTransient()
    {
        using var timeout = TestTimeout.Start();
        await using var fake = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        using var client = new ServiceBusRestClient(fake.ConnectionString, "orders");
        fake.FailNextRequests(1, HttpStatusCode.ServiceUnavailable);

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.ReceiveAsync(TimeSpan.Zero, timeout.Token));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task ReceiveAsync_NothingListening_ThrowsTransientWithoutStatus()
    {
        using var timeout = TestTimeout.Start();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new ServiceBusRestClient($"Endpoint=http://127.0.0.1:{port}/;SharedAccessKeyName=k;SharedAccessKey=v", "orders");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => client.ReceiveAsync(TimeSpan.Zero, timeout.Token));

        Assert.Null(error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task SendAsync_ReservedPropertyName_Rejected()
    {
        using var client = new ServiceBusRestClient("Endpoint=http://127.0.0.1:9/;SharedAccessKeyName=k;SharedAccessKey=v", "orders");
        var message = new ServiceBusMessage(BinaryData.FromString("x"))
        {
            ApplicationProperties = new Dictionary<string, string> { ["Authorization"] = "x" },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.SendAsync(message));

        Assert.Contains("Authorization", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("orders/$DeadLetterQueue")]
    [InlineData("a//b")]
    public void Ctor_BadQueueName_Throws(string queue)
    {
        Assert.ThrowsAny<ArgumentException>(() => new ServiceBusRestClient("Endpoint=http://127.0.0.1:9/;SharedAccessKeyName=k;SharedAccessKey=v", queue));
    }

    [Fact]
    public void Ctor_QueueDisagreesWithEntityPath_Throws()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new ServiceBusRestClient("Endpoint=http://127.0.0.1:9/;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=a", "b"));

        Assert.Contains("EntityPath", error.Message, StringComparison.Ordinal);
    }
}
