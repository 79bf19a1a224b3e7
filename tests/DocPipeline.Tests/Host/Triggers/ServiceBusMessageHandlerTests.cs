using System.Text;
using Azure.Messaging.ServiceBus;
using Microsoft.DurableTask.Client;
using DocPipeline.Pipeline;
using DocPipeline.Pipeline.Contracts;
using DocPipeline.Host.Triggers;
using Moq;

namespace DocPipeline.Tests.Functions.Triggers;

/// <summary>
/// The Service Bus handler over the real submission path and the embedded store; only the SDK's receiver is mocked.
/// </summary>
public sealed class ServiceBusMessageHandlerTests : IDisposable
{
    private readonly TempAppRoot _root = new();

    [Fact]
    public async Task HandleAsync_NamedDocument_CompletedOnlyAfterStartRecorded()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var gate = new GatedScheduler(host.Get<IDocumentScheduler>());
        var content = TestDocuments.Memo("sb-named");
        var message = ServiceBusTestSupport.Message(new BinaryData(content), properties: new Dictionary<string, object> { ["name"] = "memo.txt" });
        var receiver = ServiceBusTestSupport.Receiver();
        OrchestrationMetadata? recordedAtComplete = null;
        receiver.Setup(r => r.CompleteMessageAsync(message, It.IsAny<CancellationToken>()))
            .Returns(async () => recordedAtComplete = await host.InstanceForAsync(content, timeout.Token));

        var handling = ServiceBusTestSupport.Handler(host, gate).HandleAsync(message, receiver, timeout.Token);
        await gate.Entered.Task.WaitAsync(timeout.Token);
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        gate.Open();
        await handling.WaitAsync(timeout.Token);

        receiver.VerifyCompletedOnly(message);
        Assert.NotNull(recordedAtComplete);
        var input = recordedAtComplete.ReadInputAs<DocumentPipelineInput>()!;
        Assert.Equal(("memo.txt", "servicebus"), (input.SourceName, input.Trigger));
        var done = await host.Client.WaitForInstanceCompletionAsync(recordedAtComplete.InstanceId, getInputsAndOutputs: true, cancellation: timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }

    [Fact]
    public async Task HandleAsync_SameDocumentTwice_OneInstanceBothCompleted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var handler = ServiceBusTestSupport.Handler(host);
        var content = TestDocuments.Memo("sb-twice");
        var named = new Dictionary<string, object> { ["name"] = "twice.txt" };
        var first = ServiceBusTestSupport.Message(new BinaryData(content), messageId: "a", properties: named);
        var second = ServiceBusTestSupport.Message(new BinaryData(content), messageId: "b", properties: named);
        var receiver = ServiceBusTestSupport.Receiver();

        await Task.WhenAll(handler.HandleAsync(first, receiver, timeout.Token), handler.HandleAsync(second, receiver, timeout.Token)).WaitAsync(timeout.Token);

        receiver.Verify(r => r.CompleteMessageAsync(first, It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.CompleteMessageAsync(second, It.IsAny<CancellationToken>()), Times.Once);
        var instances = await host.Client.GetAllInstancesAsync().ToListAsync(timeout.Token);
        Assert.Equal(DocumentSubmitter.InstanceIdFor(DocumentSubmitter.Hash(content)), Assert.Single(instances).InstanceId);
    }

    [Fact]
    public async Task HandleAsync_PlainTextWithSubject_SubjectNamesDocument()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var content = TestDocuments.Memo("sb-label");
        var message = ServiceBusTestSupport.Message(new BinaryData(content), contentType: "text/plain", subject: "labelled.txt");
        var receiver = ServiceBusTestSupport.Receiver();

        await ServiceBusTestSupport.Handler(host).HandleAsync(message, receiver, timeout.Token);

        receiver.VerifyCompletedOnly(message);
        Assert.Equal("labelled.txt", (await host.InstanceForAsync(content, timeout.Token))!.ReadInputAs<DocumentPipelineInput>()!.SourceName);
    }

    [Fact]
    public async Task HandleAsync_JsonThatIsNoNotification_DeadLetteredWithReason()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var message = ServiceBusTestSupport.Message(BinaryData.FromString("{\"order\": 17}"), contentType: "application/json");
        var receiver = ServiceBusTestSupport.Receiver();

        await ServiceBusTestSupport.Handler(host).HandleAsync(message, receiver, timeout.Token);

        receiver.VerifyDeadLetteredOnly(message, "UnparseableMessage", "sent as 'application/json' but is not a blob notification");
        Assert.Empty(await host.Client.GetAllInstancesAsync().ToListAsync(timeout.Token));
    }

    [Fact]
    public async Task HandleAsync_DocumentOverLimit_DeadLetteredAtOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token, new() { ["Pipeline:MaxDocumentBytes"] = "64" });
        var content = TestDocuments.Memo("sb-big");
        var message = ServiceBusTestSupport.Message(new BinaryData(content), properties: new Dictionary<string, object> { ["name"] = "big.txt" });
        var receiver = ServiceBusTestSupport.Receiver();

        await ServiceBusTestSupport.Handler(host).HandleAsync(message, receiver, timeout.Token);

        receiver.VerifyDeadLetteredOnly(message, "DocumentTooLarge", "the limit is 64 (Pipeline:MaxDocumentBytes)");
        Assert.Null(await host.InstanceForAsync(content, timeout.Token));
    }

    [Fact]
    public async Task HandleAsync_BlobSourceUnreachable_AbandonedForRedelivery()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);

        // A blob in another account, through a SAS URL whose host refuses connections: a failure that may pass.
        var message = ServiceBusTestSupport.Message(BinaryData.FromString("http://127.0.0.1:1/otheraccount/docs/elsewhere.txt?sv=2024-08-04&sig=c2ln"), deliveryCount: 3);
        var receiver = ServiceBusTestSupport.Receiver();

        await ServiceBusTestSupport.Handler(host).HandleAsync(message, receiver, timeout.Token);

        receiver.Verify(r => r.AbandonMessageAsync(message, It.IsAny<IDictionary<string, object>>(), It.IsAny<CancellationToken>()), Times.Once);
        receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
        receiver.Verify(r => r.DeadLetterMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task HandleAsync_LockLostOnComplete_DoesNotThrowAndRedeliveryStartsNothingNew()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var host = await StartAsync(timeout.Token);
        var handler = ServiceBusTestSupport.Handler(host);
        var content = Encoding.UTF8.GetBytes("Lock lost while completing; the same memo arrives again.");
        var message = ServiceBusTestSupport.Message(new BinaryData(content), contentType: "text/plain", subject: "lock.txt");
        var lost = ServiceBusTestSupport.Receiver();
        lost.Setup(r => r.CompleteMessageAsync(message, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("The lock supplied is invalid.", ServiceBusFailureReason.MessageLockLost));

        await handler.HandleAsync(message, lost, timeout.Token);
        var redelivered = ServiceBusTestSupport.Message(new BinaryData(content), contentType: "text/plain", subject: "lock.txt", deliveryCount: 2);
        var receiver = ServiceBusTestSupport.Receiver();
        await handler.HandleAsync(redelivered, receiver, timeout.Token);

        receiver.VerifyCompletedOnly(redelivered);
        Assert.Single(await host.Client.GetAllInstancesAsync().ToListAsync(timeout.Token));
    }

    public void Dispose() => _root.Dispose();

    private Task<TriggerTestHost> StartAsync(CancellationToken cancellationToken, Dictionary<string, string?>? settings = null) =>
        TriggerTestHost.StartAsync(_root.Path, TriggerEnvironment.Embedded(_root.Path), settings, cancellationToken: cancellationToken);

    /// <summary>Holds each scheduling call until opened, so a test can look at the message while the start is pending.</summary>
    private sealed class GatedScheduler(IDocumentScheduler inner) : IDocumentScheduler
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Open() => _open.TrySetResult();

        public async Task<Submission> ScheduleAsync(ReadOnlyMemory<byte> content, string sourceName, string trigger, CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
            return await inner.ScheduleAsync(content, sourceName, trigger, cancellationToken);
        }
    }
}
