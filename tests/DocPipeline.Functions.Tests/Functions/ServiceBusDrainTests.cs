using System.Text;
using Azure.Messaging.ServiceBus;
using DocPipeline.Tests.DurableTask.AzureStorage;
using DocPipeline.Pipeline;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace DocPipeline.Functions.Tests.Functions;

/// <summary>
/// The Service Bus drain over the SDK's own types (no Service Bus runs here: the receiver is mocked at the SDK edge);
/// the documents go to the real pipeline on the in-process backend.
/// </summary>
public sealed class ServiceBusDrainTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly Mock<ServiceBusReceiver> _receiver = new();
    private readonly Mock<ServiceBusClient> _serviceBus = new();
    private FunctionsAppHost _app = null!;

    public async Task InitializeAsync()
    {
        _app = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        _serviceBus.Setup(c => c.CreateReceiver(StorageNames.DefaultServiceBusQueue, It.Is<ServiceBusReceiverOptions>(o => o.ReceiveMode == ServiceBusReceiveMode.PeekLock)))
            .Returns(_receiver.Object);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task DrainAsync_MessageCarryingADocument_SchedulesItThenCompletesTheMessage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var content = Encoding.UTF8.GetBytes("Delivery note 5512: 40 boxes of A4 paper delivered to Fabrikam on 2 April 2024.");
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromBytes(content), messageId: "m-1", deliveryCount: 1, properties: new Dictionary<string, object> { ["name"] = "delivery.txt" });
        Receive(message);

        var completed = await Drain().DrainAsync(_app.Client, timeout.Token);

        Assert.Equal(1, completed);
        _receiver.Verify(r => r.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _receiver.Verify(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Never);
        var instanceId = DocumentSubmitter.InstanceIdFor(DocumentSubmitter.Hash(content));
        var instance = await _app.Client.WaitForInstanceCompletionAsync(instanceId, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
    }

    [Fact]
    public async Task DrainAsync_UnreadableMessage_AbandonsItForTheDeliveryCountToDeadLetter()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("{\"hello\":\"world\"}"), messageId: "m-2", deliveryCount: 3);
        Receive(message);

        var completed = await Drain().DrainAsync(_app.Client, timeout.Token);

        Assert.Equal(0, completed);
        _receiver.Verify(r => r.AbandonMessageAsync(message, It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Once);
        _receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void IsEnabled_NoConnectionSetting_False()
    {
        var drain = new ServiceBusDrain(new ConfigurationBuilder().Build(), _app.Services.GetRequiredService<DocumentIntake>(), NullLogger<ServiceBusDrain>.Instance);

        Assert.False(drain.IsEnabled);
    }

    private ServiceBusDrain Drain() =>
        new(new ConfigurationBuilder().Build(), _app.Services.GetRequiredService<DocumentIntake>(), NullLogger<ServiceBusDrain>.Instance, _serviceBus.Object);

    private void Receive(ServiceBusReceivedMessage message) =>
        _receiver.SetupSequence(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([message])
            .ReturnsAsync([]);
}
