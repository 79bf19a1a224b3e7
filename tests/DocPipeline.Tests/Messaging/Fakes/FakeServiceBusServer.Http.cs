using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DocPipeline.Tests.Messaging.Fakes;

public sealed partial class FakeServiceBusServer
{
    private async Task HandleAsync(HttpContext context)
    {
        var now = Options.TimeProvider.GetUtcNow();
        context.Response.Headers.Date = now.ToString("R", CultureInfo.InvariantCulture);
        lock (_gate)
        {
            if (_failuresToInject > 0)
            {
                _failuresToInject--;
                context.Response.StatusCode = (int)_injectedStatus;
                return;
            }
        }

        var segments = (context.Request.Path.Value ?? string.Empty).Trim('/').Split('/');
        var messagesAt = Array.FindLastIndex(segments, s => s.Equals("messages", StringComparison.OrdinalIgnoreCase));
        if (messagesAt < 1)
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, "No such resource.");
            return;
        }

        var entityPath = string.Join('/', segments[..messagesAt]);
        var rest = segments[(messagesAt + 1)..];
        if (!Authorize(context, entityPath, now, out var reason))
        {
            lock (_gate)
            {
                _unauthorized++;
                LastAuthorizationFailure = reason;
            }

            await ErrorAsync(context, HttpStatusCode.Unauthorized, "Unauthorized: " + reason);
            return;
        }

        var deadLetter = entityPath.EndsWith("/" + DeadLetterSuffix, StringComparison.OrdinalIgnoreCase);
        var queue = deadLetter ? entityPath[..^(DeadLetterSuffix.Length + 1)] : entityPath;
        FakeEntity? entity;
        lock (_gate)
        {
            entity = _queues.TryGetValue(queue, out var existing) ? existing
                : Options.AutoCreateQueues ? GetOrCreate(queue) : null;
        }

        if (entity is null)
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, $"The messaging entity '{queue}' could not be found.");
            return;
        }

        var target = deadLetter ? entity.DeadLetter! : entity;
        var method = context.Request.Method;
        switch (rest)
        {
            case [] when HttpMethods.IsPost(method) && !deadLetter:
                await SendAsync(context, target);
                break;
            case ["head"] when HttpMethods.IsPost(method):
                await PeekLockAsync(context, target, entityPath);
                break;
            case [var id, var lockToken] when HttpMethods.IsDelete(method) || HttpMethods.IsPut(method) || HttpMethods.IsPost(method):
                await LockOperationAsync(context, target, id, lockToken, method);
                break;
            default:
                await ErrorAsync(context, HttpStatusCode.BadRequest, "Unsupported operation.");
                break;
        }
    }

    private async Task SendAsync(HttpContext context, FakeEntity entity)
    {
        if (context.Request.ContentLength > Options.MaxMessageSizeBytes)
        {
            await ErrorAsync(context, HttpStatusCode.RequestEntityTooLarge, "The message is larger than the maximum message size.");
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > Options.MaxMessageSizeBytes)
        {
            await ErrorAsync(context, HttpStatusCode.RequestEntityTooLarge, "The message is larger than the maximum message size.");
            return;
        }

        JsonElement properties;
        try
        {
            var header = context.Request.Headers["BrokerProperties"].ToString();
            properties = header.Length == 0 ? default : JsonDocument.Parse(header).RootElement.Clone();
        }
        catch (JsonException)
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "The BrokerProperties header is not valid JSON.");
            return;
        }

        var now = Options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            var sequence = ++_lastSequenceNumber;
            entity.Messages.Add(new FakeBrokerMessage
            {
                SequenceNumber = sequence,
                MessageId = Text(properties, "MessageId") ?? Guid.NewGuid().ToString("N"),
                Body = buffer.ToArray(),
                EnqueuedTime = now,
                ContentType = context.Request.ContentType,
                Label = Text(properties, "Label"),
                CorrelationId = Text(properties, "CorrelationId"),
                SessionId = Text(properties, "SessionId"),
                ReplyTo = Text(properties, "ReplyTo"),
                To = Text(properties, "To"),
                PartitionKey = Text(properties, "PartitionKey"),
                TimeToLiveSeconds = properties.ValueKind == JsonValueKind.Object
                    && properties.TryGetProperty("TimeToLive", out var ttl) && ttl.ValueKind == JsonValueKind.Number ? ttl.GetDouble() : null,
                ScheduledEnqueueTime = Text(properties, "ScheduledEnqueueTimeUtc") is { } scheduled
                    ? DateTimeOffset.ParseExact(scheduled, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                    : null,
                ApplicationProperties = ReadApplicationProperties(context.Request.Headers),
            });
            _sends++;
            NotifyChanged();
        }

        context.Response.StatusCode = StatusCodes.Status201Created;
    }

    private async Task PeekLockAsync(HttpContext context, FakeEntity entity, string entityPath)
    {
        var seconds = int.TryParse(context.Request.Query["timeout"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 60;
        var deadline = Options.TimeProvider.GetUtcNow().AddSeconds(seconds);
        while (true)
        {
            byte[]? body;
            var changed = Task.CompletedTask;
            var wait = TimeSpan.Zero;
            lock (_gate)
            {
                var now = Options.TimeProvider.GetUtcNow();
                Sweep(now);
                body = TryLockNext(context, entity, entityPath, now);
                if (body is null && now >= deadline)
                {
                    _emptyReceives++;
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                }

                if (body is null)
                {
                    changed = _changed.Task;
                    var next = NextWake(now);
                    wait = (next is { } at && at < deadline ? at : deadline) - now;
                }
            }

            if (body is not null)
            {
                context.Response.StatusCode = StatusCodes.Status201Created;
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body, CancellationToken.None);
                return;
            }

            try
            {
                await WaitForChangeAsync(changed, wait, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private byte[]? TryLockNext(HttpContext context, FakeEntity entity, string entityPath, DateTimeOffset now)
    {
        var message = entity.Messages.FirstOrDefault(m => m.IsVisible(now));
        if (message is null)
        {
            return null;
        }

        message.DeliveryCount++;
        message.LockToken = Guid.NewGuid();
        message.LockedUntil = now + Options.LockDuration;
        _deliveries++;
        NotifyChanged();
        WriteMessageHeaders(context, message, entityPath, now);
        return message.Body;
    }

    private async Task LockOperationAsync(HttpContext context, FakeEntity entity, string id, string lockToken, string method)
    {
        var now = Options.TimeProvider.GetUtcNow();
        HttpStatusCode status;
        string detail;
        lock (_gate)
        {
            Sweep(now);
            var candidates = entity.Messages
                .Where(m => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                    ? m.SequenceNumber == sequence
                    : m.MessageId == id)
                .ToList();
            var message = candidates.FirstOrDefault(m => m.LockToken?.ToString() == lockToken) ?? candidates.FirstOrDefault();
            if (message is null)
            {
                (status, detail) = (HttpStatusCode.NotFound, "The message was not found; it may have been settled already.");
                _lockLost++;
            }
            else if (message.LockToken?.ToString() != lockToken)
            {
                (status, detail) = (HttpStatusCode.Gone, "The lock supplied is invalid: it expired or the message was received again.");
                _lockLost++;
            }
            else if (HttpMethods.IsDelete(method))
            {
                entity.Messages.Remove(message);
                _completes++;
                (status, detail) = (HttpStatusCode.OK, string.Empty);
            }
            else if (HttpMethods.IsPut(method))
            {
                _abandons++;
                Release(entity, message, "abandoned");
                (status, detail) = (HttpStatusCode.OK, string.Empty);
            }
            else
            {
                message.LockedUntil = now + Options.LockDuration;
                _renewals++;
                context.Response.Headers["BrokerProperties"] = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["LockToken"] = lockToken,
                    ["LockedUntilUtc"] = message.LockedUntil.Value.ToString("R", CultureInfo.InvariantCulture),
                });
                (status, detail) = (HttpStatusCode.OK, string.Empty);
            }

            NotifyChanged();
        }

        if (status != HttpStatusCode.OK)
        {
            await ErrorAsync(context, status, detail);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
