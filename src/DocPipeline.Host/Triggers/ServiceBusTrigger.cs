using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Service Bus trigger: a <see cref="ServiceBusProcessor"/> on the configured queue, in peek-lock mode with automatic
/// lock renewal, whose messages <see cref="ServiceBusMessageHandler"/> handles and settles. The SDK reconnects,
/// renews locks and backs off on throttling; its errors are logged here.
/// </summary>
internal sealed class ServiceBusTrigger(
    ServiceBusConnection connection,
    ServiceBusTriggerOptions settings,
    IOptions<ServiceBusExtensionOptions> options,
    ServiceBusMessageHandler handler,
    ILogger<ServiceBusTrigger> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var processorOptions = options.Value.ToProcessorOptions();
        await using var client = connection.CreateClient();
        await using var processor = client.CreateProcessor(settings.QueueName, processorOptions);
        processor.ProcessMessageAsync += handler.HandleAsync;
        processor.ProcessErrorAsync += OnErrorAsync;
        await processor.StartProcessingAsync(stoppingToken);
        logger.ServiceBusListening(settings.QueueName, connection.FullyQualifiedNamespace, processorOptions.MaxConcurrentCalls, processorOptions.MaxAutoLockRenewalDuration);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: fall through to let in-flight messages settle.
        }

        // The processor cancels the handlers' token; each abandons its message, which the broker then redelivers.
        await processor.StopProcessingAsync(CancellationToken.None);
        logger.ServiceBusStopped(settings.QueueName);
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        logger.ServiceBusProcessorError(args.Exception, args.ErrorSource.ToString(), args.EntityPath, args.FullyQualifiedNamespace);
        return Task.CompletedTask;
    }
}
