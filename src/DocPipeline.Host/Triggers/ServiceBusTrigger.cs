using DocPipeline.Host.Pipeline;
using DocPipeline.Messaging.ServiceBus;
using Microsoft.Extensions.Options;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// Service Bus trigger over the REST API: runs a <see cref="ServiceBusQueueListener"/> on the configured queue. Each
/// message is read by <see cref="ServiceBusDocumentReader"/> (a document, or blob notifications) and submitted;
/// the listener completes the message only after every submission returned (the start is recorded), and abandons
/// it when anything failed, so Service Bus dead-letters a message that keeps failing once it reaches the queue's
/// maximum delivery count.
/// </summary>
internal sealed class ServiceBusTrigger(
    IConfiguration configuration,
    ServiceBusTriggerOptions settings,
    IOptions<ServiceBusListenerOptions> listenerOptions,
    DocumentSubmitter submitter,
    ServiceBusDocumentReader reader,
    TimeProvider time,
    ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<ServiceBusTrigger>();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        ServiceBusRestClient serviceBus;
        ServiceBusQueueListener listener;
        try
        {
            serviceBus = ServiceBusRestClientFactory.Create(configuration, settings.ConnectionName, settings.QueueName);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            _logger.ServiceBusMisconfigured(ex, settings.ConnectionName, settings.QueueName);
            return;
        }

        using (serviceBus)
        {
            try
            {
                listener = new ServiceBusQueueListener(serviceBus, HandleAsync, listenerOptions.Value, loggerFactory.CreateLogger<ServiceBusQueueListener>(), time);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                _logger.ServiceBusMisconfigured(ex, settings.ConnectionName, settings.QueueName);
                return;
            }

            _logger.ServiceBusListening(serviceBus.QueueName, serviceBus.Endpoint.Host);
            await listener.RunAsync(stoppingToken);
        }
    }

    /// <summary>Submits what one message carries; throws (so the message is abandoned) when anything failed.</summary>
    internal async Task HandleAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var document in reader.ReadAsync(message, cancellationToken))
            {
                var submission = await submitter.SubmitAsync(document.Content, document.SourceName, TriggerNames.ServiceBus, cancellationToken: cancellationToken);
                _logger.DocumentSubmitted("service bus", document.SourceName, submission.InstanceId, submission.Outcome);
            }
        }
        catch (UnprocessableInputException ex)
        {
            _logger.ServiceBusMessageRejected(message.MessageId, message.DeliveryCount, ex.Message);
            throw;
        }
    }
}
