using System.Text;
using DocPipeline.Durable;
using DocPipeline.Host.Pipeline.Contracts;
using DocPipeline.Host.Triggers;
using DocPipeline.Messaging.ServiceBus;
using DocPipeline.Tests.Messaging.Fakes;

namespace DocPipeline.Tests.Functions.Triggers;

public sealed class ServiceBusTriggerTests : IDisposable
{
    private const string Queue = "documents";
    private readonly TempAppRoot _root = new();

    [Fact]
    public async Task Message_DocumentWithName_SubmittedThenCompleted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var bus = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        await using var host = await StartAsync(bus, timeout.Token);
        var content = TestDocuments.Memo("sb-named");

        await SendAsync(bus, new ServiceBusMessage(new BinaryData(content)) { ApplicationProperties = new Dictionary<string, string> { ["name"] = "memo.txt" } }, timeout.Token);
        await bus.WaitUntilAsync(b => b.Counters.Completes == 1, timeout.Token);

        // Completed means the start was recorded first: the instance is there the moment the message is gone.
        var instance = await host.InstanceForAsync(content, timeout.Token);
        Assert.NotNull(instance);
        var input = instance.ReadInputAs<DocumentPipelineInput>()!;
        Assert.Equal(("memo.txt", "servicebus"), (input.SourceName, input.Trigger));
        Assert.Empty(bus.GetMessages(Queue));
        Assert.Equal(0, bus.Counters.Abandons);
        var done = await host.Client.WaitForInstanceCompletionAsync(instance.InstanceId, cancellationToken: timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }

    [Fact]
    public async Task Message_PlainTextWithLabel_LabelNamesDocument()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var bus = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        await using var host = await StartAsync(bus, timeout.Token);
        var content = TestDocuments.Memo("sb-label");

        await SendAsync(bus, new ServiceBusMessage(new BinaryData(content)) { Label = "labelled.txt", ContentType = "text/plain" }, timeout.Token);
        await bus.WaitUntilAsync(b => b.Counters.Completes == 1, timeout.Token);

        var instance = await host.InstanceForAsync(content, timeout.Token);
        Assert.Equal("labelled.txt", instance!.ReadInputAs<DocumentPipelineInput>()!.SourceName);
    }

    [Fact]
    public async Task Message_DocumentOverLimit_AbandonedUntilDeadLettered()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var bus = await FakeServiceBusServer.StartAsync(new FakeServiceBusOptions { MaxDeliveryCount = 3 }, timeout.Token);
        await using var host = await StartAsync(bus, timeout.Token, new() { ["Pipeline:MaxDocumentBytes"] = "64" });
        var content = TestDocuments.Memo("sb-big");

        await SendAsync(bus, new ServiceBusMessage(new BinaryData(content)) { ApplicationProperties = new Dictionary<string, string> { ["name"] = "big.txt" } }, timeout.Token);
        await bus.WaitUntilAsync(b => b.Counters.DeadLettered == 1, timeout.Token);

        var counters = bus.Counters;
        Assert.Equal((3, 0), (counters.Abandons, counters.Completes));
        var dead = Assert.Single(bus.GetMessages(Queue, deadLetter: true));
        Assert.Equal(content, dead.Body);
        Assert.Equal("MaxDeliveryCountExceeded", dead.DeadLetterReason);
        Assert.Null(await host.InstanceForAsync(content, timeout.Token));
    }

    [Fact]
    public async Task Message_JsonThatIsNoNotification_DeadLettered()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var bus = await FakeServiceBusServer.StartAsync(new FakeServiceBusOptions { MaxDeliveryCount = 2 }, timeout.Token);
        await using var host = await StartAsync(bus, timeout.Token);
        var body = Encoding.UTF8.GetBytes("{\"order\": 17}");

        await SendAsync(bus, new ServiceBusMessage(new BinaryData(body)) { ContentType = "application/json" }, timeout.Token);
        await bus.WaitUntilAsync(b => b.Counters.DeadLettered == 1, timeout.Token);

        Assert.Equal(2, bus.Counters.Abandons);
        Assert.Empty(await host.Client.GetAllInstancesAsync(cancellationToken: timeout.Token).ToListAsync(timeout.Token));
    }

    [Fact]
    public async Task Message_SameDocumentTwice_OneInstanceBothCompleted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var bus = await FakeServiceBusServer.StartAsync(cancellationToken: timeout.Token);
        await using var host = await StartAsync(bus, timeout.Token);
        var content = TestDocuments.Memo("sb-twice");
        var named = new Dictionary<string, string> { ["name"] = "twice.txt" };

        await SendAsync(bus, new ServiceBusMessage(new BinaryData(content)) { ApplicationProperties = named }, timeout.Token);
        await SendAsync(bus, new ServiceBusMessage(new BinaryData(content)) { ApplicationProperties = named }, timeout.Token);
        await bus.WaitUntilAsync(b => b.Counters.Completes == 2, timeout.Token);

        Assert.Single(await host.Client.GetAllInstancesAsync(cancellationToken: timeout.Token).ToListAsync(timeout.Token));
    }

    public void Dispose() => _root.Dispose();

    private static async Task SendAsync(FakeServiceBusServer bus, ServiceBusMessage message, CancellationToken cancellationToken)
    {
        using var client = new ServiceBusRestClient(bus.ConnectionString, Queue);
        await client.SendAsync(message, cancellationToken);
    }

    private Task<TriggerTestHost> StartAsync(FakeServiceBusServer bus, CancellationToken cancellationToken, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? [])
        {
            ["ServiceBusConnection"] = bus.ConnectionString,
            ["Pipeline:ServiceBusQueue"] = Queue,
            ["Pipeline:BlobDrop:Enabled"] = "false",
        };
        return TriggerTestHost.StartAsync(_root.Path, TriggerEnvironment.Embedded(_root.Path), all, cancellationToken: cancellationToken);
    }
}
