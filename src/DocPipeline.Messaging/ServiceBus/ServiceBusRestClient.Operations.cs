using System.Globalization;
using System.Net;

namespace DocPipeline.Messaging.ServiceBus;

public sealed partial class ServiceBusRestClient
{
    /// <summary>The long-poll wait a receive uses when none is given.</summary>
    public static readonly TimeSpan DefaultReceiveWaitTime = TimeSpan.FromSeconds(60);

    /// <summary>Sends one message to the queue.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">An application property name is not a usable header, or the content type is malformed.</exception>
    /// <exception cref="ServiceBusException">The broker refused the message or could not be reached.</exception>
    public async Task SendAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.Body, nameof(message));

        var request = new HttpRequestMessage(HttpMethod.Post, RequestUri(EscapePath(QueueName) + "/messages"));
        using (request)
        {
            request.Content = new ReadOnlyMemoryContent(message.Body.ToMemory());
            if (!request.Content.Headers.TryAddWithoutValidation("Content-Type", message.ContentType ?? "application/octet-stream"))
            {
                throw new ArgumentException($"Content type '{message.ContentType}' is not a valid header value.", nameof(message));
            }

            request.Headers.TryAddWithoutValidation(BrokerProperties.HeaderName, BrokerProperties.Write(message));
            ApplicationPropertyHeaders.Write(request, message.ApplicationProperties);

            using var response = await SendCoreAsync(request, "send", QueueName, TimeSpan.Zero, cancellationToken);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            {
                throw await ErrorAsync(response, "send", QueueName, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Receives the next message in peek-lock mode, waiting up to <paramref name="waitTime"/> for one to arrive.
    /// </summary>
    /// <param name="waitTime">The long-poll wait (whole seconds, rounded up); <see cref="DefaultReceiveWaitTime"/> when unset; zero returns at once.</param>
    /// <param name="cancellationToken">Cancels the wait. A message the broker locked for a cancelled call becomes visible again when its lock expires.</param>
    /// <returns>The locked message, or <see langword="null"/> when the queue stayed empty for the whole wait.</returns>
    /// <exception cref="ServiceBusException">The broker refused the call or could not be reached.</exception>
    public Task<ServiceBusReceivedMessage?> ReceiveAsync(TimeSpan? waitTime = null, CancellationToken cancellationToken = default) =>
        ReceiveCoreAsync(QueueName, waitTime, cancellationToken);

    /// <summary>Receives the next message of the queue's dead-letter queue in peek-lock mode.</summary>
    /// <param name="waitTime">The long-poll wait; <see cref="DefaultReceiveWaitTime"/> when unset.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The locked dead-lettered message, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="ServiceBusException">The broker refused the call or could not be reached.</exception>
    public Task<ServiceBusReceivedMessage?> ReceiveDeadLetterAsync(TimeSpan? waitTime = null, CancellationToken cancellationToken = default) =>
        ReceiveCoreAsync(DeadLetterEntityPath, waitTime, cancellationToken);

    /// <summary>Completes (deletes) a locked message: it will not be delivered again.</summary>
    /// <param name="message">A message received by this client.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ServiceBusLockLostException">The lock expired or the message was settled already (404/410).</exception>
    /// <exception cref="ServiceBusException">Another failure.</exception>
    public async Task CompleteAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        using var response = await LockCallAsync(message, HttpMethod.Delete, "complete", cancellationToken);
    }

    /// <summary>
    /// Abandons a locked message: it becomes visible again at once, its delivery count already counted, so the
    /// broker dead-letters it once the queue's maximum delivery count is reached.
    /// </summary>
    /// <param name="message">A message received by this client.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ServiceBusLockLostException">The lock was already gone (404/410).</exception>
    /// <exception cref="ServiceBusException">Another failure.</exception>
    public async Task AbandonAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        using var response = await LockCallAsync(message, HttpMethod.Put, "abandon", cancellationToken);
    }

    /// <summary>Extends the lock on a message by the queue's lock duration.</summary>
    /// <param name="message">A message received by this client.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new lock expiry when the broker reports it; otherwise <see langword="null"/>.</returns>
    /// <exception cref="ServiceBusLockLostException">The lock was already gone (404/410).</exception>
    /// <exception cref="ServiceBusException">Another failure.</exception>
    public async Task<DateTimeOffset?> RenewLockAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
    {
        using var response = await LockCallAsync(message, HttpMethod.Post, "renew the lock of", cancellationToken);
        return response.Headers.TryGetValues(BrokerProperties.HeaderName, out var values)
            ? BrokerProperties.Parse(values.FirstOrDefault()).LockedUntilUtc
            : null;
    }

    private async Task<ServiceBusReceivedMessage?> ReceiveCoreAsync(string entityPath, TimeSpan? waitTime, CancellationToken cancellationToken)
    {
        var wait = waitTime ?? DefaultReceiveWaitTime;
        if (wait < TimeSpan.Zero || wait > MaxReceiveWaitTime)
        {
            throw new ArgumentOutOfRangeException(nameof(waitTime), $"The receive wait must be between zero and {MaxReceiveWaitTime}.");
        }

        var seconds = (long)Math.Ceiling(wait.TotalSeconds);
        var uri = RequestUri(string.Create(
            CultureInfo.InvariantCulture, $"{EscapePath(entityPath)}/messages/head?timeout={seconds}"));
        var receivedAt = _timeProvider.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent([]) };
        using var response = await SendCoreAsync(request, "receive", entityPath, TimeSpan.FromSeconds(seconds), cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NoContent:
                return null;
            case HttpStatusCode.Created or HttpStatusCode.OK:
                return await ReadMessageAsync(response, entityPath, receivedAt, cancellationToken);
            default:
                throw await ErrorAsync(response, "receive", entityPath, cancellationToken);
        }
    }

    private async Task<ServiceBusReceivedMessage> ReadMessageAsync(
        HttpResponseMessage response, string entityPath, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var properties = BrokerProperties.Parse(
            response.Headers.TryGetValues(BrokerProperties.HeaderName, out var values) ? values.FirstOrDefault() : null);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var date = response.Headers.Date;
        var lockDuration = properties.LockedUntilUtc is { } until && date is { } now && until > now ? until - now : (TimeSpan?)null;
        var applicationProperties = ApplicationPropertyHeaders.Read(response.Headers);
        applicationProperties.Remove("DeadLetterReason", out var reason);
        applicationProperties.Remove("DeadLetterErrorDescription", out var description);

        return new ServiceBusReceivedMessage
        {
            Body = BinaryData.FromBytes(body),
            LockUri = LockUriFor(response.Headers.Location, entityPath, properties),
            EntityPath = entityPath,
            MessageId = properties.MessageId,
            LockToken = properties.LockToken,
            SequenceNumber = properties.SequenceNumber,
            DeliveryCount = properties.DeliveryCount,
            LockedUntil = properties.LockedUntilUtc,
            LockDuration = lockDuration,
            ReceivedAt = receivedAt,
            EnqueuedTime = properties.EnqueuedTimeUtc,
            ScheduledEnqueueTime = properties.ScheduledEnqueueTimeUtc,
            CorrelationId = properties.CorrelationId,
            SessionId = properties.SessionId,
            Label = properties.Label,
            ReplyTo = properties.ReplyTo,
            To = properties.To,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            TimeToLive = properties.TimeToLive,
            PartitionKey = properties.PartitionKey,
            State = properties.State,
            DeadLetterReason = reason,
            DeadLetterErrorDescription = description,
            ApplicationProperties = applicationProperties,
        };
    }

    private Uri LockUriFor(Uri? location, string entityPath, BrokerProperties properties)
    {
        if (location is { IsAbsoluteUri: true })
        {
            // The broker names its own host; requests must keep going where this client was pointed.
            return _requestBase == Endpoint
                ? location
                : new UriBuilder(location) { Scheme = _requestBase.Scheme, Host = _requestBase.Host, Port = _requestBase.Port }.Uri;
        }

        if (location is not null)
        {
            return new Uri(_requestBase, location.OriginalString.TrimStart('/'));
        }

        if (string.IsNullOrEmpty(properties.LockToken))
        {
            throw new ServiceBusException(
                $"The broker returned a message from '{entityPath}' without a Location header or lock token; it cannot be settled.");
        }

        var id = properties.SequenceNumber > 0
            ? properties.SequenceNumber.ToString(CultureInfo.InvariantCulture)
            : properties.MessageId ?? string.Empty;
        return RequestUri($"{EscapePath(entityPath)}/messages/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(properties.LockToken)}");
    }

    private async Task<HttpResponseMessage> LockCallAsync(
        ServiceBusReceivedMessage message, HttpMethod method, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var request = new HttpRequestMessage(method, message.LockUri);
        if (method != HttpMethod.Delete)
        {
            request.Content = new ByteArrayContent([]);
        }

        var response = await SendCoreAsync(request, operation, message.EntityPath, TimeSpan.Zero, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                throw new ServiceBusLockLostException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Could not {operation} message '{message.MessageId}' (sequence {message.SequenceNumber}) in '{message.EntityPath}': its lock is gone ({(int)response.StatusCode}); the message is delivered again or was settled already."),
                    response.StatusCode);
            }

            throw await ErrorAsync(response, operation, message.EntityPath, cancellationToken);
        }
    }

    private Uri RequestUri(string relative) => new(_requestBase, relative);
}
