using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DocPipeline.Tests.Messaging.Fakes;

/// <summary>How the fake broker writes messages and errors onto HTTP, and reads properties off it.</summary>
public sealed partial class FakeServiceBusServer
{
    private static readonly HashSet<string> ProtocolHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "BrokerProperties", "Authorization", "Connection", "Content-Length", "Content-Type", "Host", "Expect",
        "Transfer-Encoding", "Date", "ETag",
    };

    private static void WriteMessageHeaders(HttpContext context, FakeBrokerMessage message, string entityPath, DateTimeOffset now)
    {
        var properties = new Dictionary<string, object>
        {
            ["DeliveryCount"] = message.DeliveryCount,
            ["EnqueuedSequenceNumber"] = 0,
            ["EnqueuedTimeUtc"] = message.EnqueuedTime.ToString("R", CultureInfo.InvariantCulture),
            ["LockToken"] = message.LockToken!.Value.ToString(),
            ["LockedUntilUtc"] = message.LockedUntil!.Value.ToString("R", CultureInfo.InvariantCulture),
            ["MessageId"] = message.MessageId,
            ["SequenceNumber"] = message.SequenceNumber,
            ["State"] = message.ScheduledEnqueueTime > message.EnqueuedTime && message.ScheduledEnqueueTime > now ? "Scheduled" : "Active",
        };
        Add(properties, "Label", message.Label);
        Add(properties, "CorrelationId", message.CorrelationId);
        Add(properties, "SessionId", message.SessionId);
        Add(properties, "ReplyTo", message.ReplyTo);
        Add(properties, "To", message.To);
        Add(properties, "PartitionKey", message.PartitionKey);
        if (message.TimeToLiveSeconds is { } ttl)
        {
            properties["TimeToLive"] = ttl;
        }

        if (message.ScheduledEnqueueTime is { } scheduled)
        {
            properties["ScheduledEnqueueTimeUtc"] = scheduled.ToString("R", CultureInfo.InvariantCulture);
        }

        var headers = context.Response.Headers;
        headers["BrokerProperties"] = JsonSerializer.Serialize(properties);
        var request = context.Request;
        headers.Location = $"{request.Scheme}://{request.Host}/{entityPath}/messages/{message.SequenceNumber}/{message.LockToken}";
        if (message.ContentType is not null)
        {
            headers.ContentType = message.ContentType;
        }

        foreach (var (name, value) in message.ApplicationProperties)
        {
            headers[name] = JsonSerializer.Serialize(value);
        }

        if (message.DeadLetterReason is not null)
        {
            headers["DeadLetterReason"] = JsonSerializer.Serialize(message.DeadLetterReason);
            headers["DeadLetterErrorDescription"] = JsonSerializer.Serialize(message.DeadLetterErrorDescription);
        }
    }

    private static void Add(Dictionary<string, object> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties[name] = value;
        }
    }

    private static Dictionary<string, string> ReadApplicationProperties(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            var raw = values.ToString();
            if (!ProtocolHeaders.Contains(name) && raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
            {
                result[name] = JsonSerializer.Deserialize<string>(raw) ?? string.Empty;
            }
        }

        return result;
    }

    private static string? Text(JsonElement properties, string name) =>
        properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static async Task ErrorAsync(HttpContext context, HttpStatusCode status, string detail)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/xml; charset=utf-8";
        await context.Response.WriteAsync(
            $"<Error><Code>{(int)status}</Code><Detail>{WebUtility.HtmlEncode(detail)}</Detail></Error>");
    }
}
