using Azure.Messaging.ServiceBus;
using DocPipeline.Messaging.EventGrid;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Functions;

/// <summary>
/// Drains the Service Bus queue in peek-lock mode: a message is completed once its documents are scheduled, abandoned
/// when that fails (so the queue's max delivery count dead-letters a message that keeps failing). A message with a
/// <c>name</c> application property is the document itself; any other is read as BlobCreated events or a blob URL.
/// Off when <c>ServiceBusConnection</c> is not set.
/// </summary>
/// <param name="configuration">The app settings.</param>
/// <param name="intake">Schedules the documents.</param>
/// <param name="logger">The log.</param>
/// <param name="client">The Service Bus client; made from the <c>ServiceBusConnection</c> settings when null.</param>
public sealed class ServiceBusDrain(IConfiguration configuration, DocumentIntake intake, ILogger<ServiceBusDrain> logger, ServiceBusClient? client = null) : IAsyncDisposable
{
    /// <summary>The most messages handled per run.</summary>
    public const int MaxMessagesPerRun = 64;

    private readonly Lazy<ServiceBusClient?> _client = new(() => client ?? Create(configuration));

    /// <summary>Whether a connection is configured.</summary>
    public bool IsEnabled => _client.Value is not null;

    /// <summary>Handles what is in the queue now (up to <see cref="MaxMessagesPerRun"/> messages).</summary>
    /// <param name="durableClient">The durable client from the timer function.</param>
    /// <param name="cancellationToken">Stops the drain.</param>
    /// <returns>How many messages were completed.</returns>
    public async Task<int> DrainAsync(DurableTaskClient durableClient, CancellationToken cancellationToken)
    {
        if (_client.Value is not { } serviceBus)
        {
            logger.ServiceBusOff(StorageNames.ServiceBusConnection);
            return 0;
        }

        var queue = configuration[StorageNames.ServiceBusQueueSetting] is { Length: > 0 } q ? q : StorageNames.DefaultServiceBusQueue;
        await using var receiver = serviceBus.CreateReceiver(queue, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.PeekLock });
        var completed = 0;
        while (completed < MaxMessagesPerRun && !cancellationToken.IsCancellationRequested)
        {
            var messages = await receiver.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            if (messages.Count == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                try
                {
                    await HandleAsync(durableClient, message, cancellationToken).ConfigureAwait(false);
                    await receiver.CompleteMessageAsync(message, cancellationToken).ConfigureAwait(false);
                    completed++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.MessageAbandoned(message.MessageId, message.DeliveryCount, ex);
                    await receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return completed;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // A client handed in belongs to whoever made it.
        if (client is null && _client.IsValueCreated && _client.Value is { } created)
        {
            await created.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(DurableTaskClient durableClient, ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        if (message.ApplicationProperties.TryGetValue("name", out var name) && name is string fileName && !string.IsNullOrWhiteSpace(fileName))
        {
            var body = message.Body.ToArray();
            if (body.Length == 0)
            {
                throw new InvalidDataException($"Message {message.MessageId} names a document '{fileName}' but its body is empty.");
            }

            await intake.Submitter(durableClient).SubmitAsync(body, Path.GetFileName(fileName.Trim()), "servicebus", cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await intake.SubmitNotificationsAsync(durableClient, message.Body.ToString(), "servicebus", cancellationToken).ConfigureAwait(false);
        }
        catch (BlobEventParseException ex)
        {
            throw new InvalidDataException($"Message {message.MessageId} has no 'name' property and is not a BlobCreated event or blob URL: {ex.Message}", ex);
        }
    }

    private static ServiceBusClient? Create(IConfiguration configuration)
    {
        var connection = configuration[StorageNames.ServiceBusConnection];
        if (!string.IsNullOrWhiteSpace(connection))
        {
            return new ServiceBusClient(connection);
        }

        var ns = configuration[StorageNames.ServiceBusConnection + ":fullyQualifiedNamespace"];
        return string.IsNullOrWhiteSpace(ns) ? null : new ServiceBusClient(ns, new Azure.Identity.DefaultAzureCredential());
    }
}
