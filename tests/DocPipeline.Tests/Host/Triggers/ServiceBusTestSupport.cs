using Azure.Messaging.ServiceBus;
using DocPipeline.Pipeline;
using DocPipeline.Host.Triggers;
using DocPipeline.Messaging.EventGrid;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace DocPipeline.Tests.Functions.Triggers;

/// <summary>
/// The Service Bus edge for tests: messages made with <see cref="ServiceBusModelFactory"/>, a Moq
/// <see cref="ServiceBusReceiver"/> recording how each message is settled, and the host's real handler behind it.
/// </summary>
internal static class ServiceBusTestSupport
{
    public static ServiceBusMessageHandler Handler(TriggerTestHost host, IDocumentScheduler? scheduler = null)
    {
        var reader = new ServiceBusDocumentReader(
            host.Get<BlobFetcher>(),
            host.Get<BlobEventParserOptions>(),
            host.Get<IOptions<PipelineOptions>>(),
            NullLogger<ServiceBusDocumentReader>.Instance);
        return new ServiceBusMessageHandler(reader, scheduler ?? host.Get<IDocumentScheduler>(), NullLogger<ServiceBusMessageHandler>.Instance);
    }

    public static ServiceBusReceivedMessage Message(
        BinaryData body,
        string messageId = "m1",
        string? contentType = null,
        string? subject = null,
        IDictionary<string, object>? properties = null,
        int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: body,
            messageId: messageId,
            contentType: contentType,
            subject: subject,
            properties: properties,
            lockTokenGuid: Guid.NewGuid(),
            deliveryCount: deliveryCount,
            lockedUntil: DateTimeOffset.UtcNow.AddMinutes(1),
            sequenceNumber: 1);

    /// <summary>A receiver whose settlement calls succeed; verify them afterwards.</summary>
    public static Mock<ServiceBusReceiver> Receiver()
    {
        var receiver = new Mock<ServiceBusReceiver>();
        receiver.Setup(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        receiver.Setup(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        receiver.Setup(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        return receiver;
    }

    public static Task HandleAsync(this ServiceBusMessageHandler handler, ServiceBusReceivedMessage message, Mock<ServiceBusReceiver> receiver, CancellationToken cancellationToken) =>
        handler.HandleAsync(new ProcessMessageEventArgs(message, receiver.Object, cancellationToken));

    public static void VerifyCompletedOnly(this Mock<ServiceBusReceiver> receiver, ServiceBusReceivedMessage message)
    {
        receiver.Verify(r => r.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Never);
        receiver.Verify(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    public static void VerifyDeadLetteredOnly(this Mock<ServiceBusReceiver> receiver, ServiceBusReceivedMessage message, string reason, string descriptionPart)
    {
        receiver.Verify(
            r => r.DeadLetterMessageAsync(message, reason, It.Is<string>(d => d.Contains(descriptionPart, StringComparison.Ordinal)), It.IsAny<CancellationToken>()),
            Times.Once);
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        receiver.Verify(r => r.AbandonMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
