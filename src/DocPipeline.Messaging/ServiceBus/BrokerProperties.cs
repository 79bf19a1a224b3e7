using System.Globalization;
using System.Text.Json;

namespace DocPipeline.Messaging.ServiceBus;

/// <summary>Reads and writes the <c>BrokerProperties</c> header JSON (dates in RFC 1123, time to live in seconds).</summary>
internal sealed class BrokerProperties
{
    public const string HeaderName = "BrokerProperties";

    public string? MessageId { get; private set; }

    public string? LockToken { get; private set; }

    public long SequenceNumber { get; private set; }

    public int DeliveryCount { get; private set; }

    public DateTimeOffset? LockedUntilUtc { get; private set; }

    public DateTimeOffset? EnqueuedTimeUtc { get; private set; }

    public DateTimeOffset? ScheduledEnqueueTimeUtc { get; private set; }

    public string? CorrelationId { get; private set; }

    public string? SessionId { get; private set; }

    public string? Label { get; private set; }

    public string? ReplyTo { get; private set; }

    public string? To { get; private set; }

    public TimeSpan? TimeToLive { get; private set; }

    public string? PartitionKey { get; private set; }

    public string? State { get; private set; }

    public static string Write(ServiceBusMessage message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteIfSet(writer, "MessageId", message.MessageId);
            WriteIfSet(writer, "CorrelationId", message.CorrelationId);
            WriteIfSet(writer, "SessionId", message.SessionId);
            WriteIfSet(writer, "Label", message.Label);
            WriteIfSet(writer, "ReplyTo", message.ReplyTo);
            WriteIfSet(writer, "To", message.To);
            WriteIfSet(writer, "PartitionKey", message.PartitionKey);
            if (message.TimeToLive is { } ttl)
            {
                writer.WriteNumber("TimeToLive", ttl.TotalSeconds);
            }

            if (message.ScheduledEnqueueTime is { } scheduled)
            {
                writer.WriteString("ScheduledEnqueueTimeUtc", FormatDate(scheduled));
            }

            writer.WriteEndObject();
        }

        // The default encoder escapes everything outside ASCII, which keeps the header value legal.
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static BrokerProperties Parse(string? json)
    {
        var result = new BrokerProperties();
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ServiceBusException("The broker returned a BrokerProperties header that is not valid JSON.", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ServiceBusException("The broker returned a BrokerProperties header that is not a JSON object.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                result.Apply(property);
            }
        }

        return result;
    }

    public static string FormatDate(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(text, "R", CultureInfo.InvariantCulture, styles, out var exact)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out exact))
        {
            return exact;
        }

        return null;
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private void Apply(JsonProperty property)
    {
        var value = property.Value;
        switch (property.Name)
        {
            case "MessageId": MessageId = AsString(value); break;
            case "LockToken": LockToken = AsString(value); break;
            case "SequenceNumber": SequenceNumber = AsInt64(value) ?? 0; break;
            case "DeliveryCount": DeliveryCount = (int)Math.Clamp(AsInt64(value) ?? 0, 0, int.MaxValue); break;
            case "LockedUntilUtc": LockedUntilUtc = ParseDate(AsString(value)); break;
            case "EnqueuedTimeUtc": EnqueuedTimeUtc = ParseDate(AsString(value)); break;
            case "ScheduledEnqueueTimeUtc": ScheduledEnqueueTimeUtc = ParseDate(AsString(value)); break;
            case "CorrelationId": CorrelationId = AsString(value); break;
            case "SessionId": SessionId = AsString(value); break;
            case "Label": Label = AsString(value); break;
            case "ReplyTo": ReplyTo = AsString(value); break;
            case "To": To = AsString(value); break;
            case "PartitionKey": PartitionKey = AsString(value); break;
            case "State": State = AsString(value); break;
            case "TimeToLive":
                TimeToLive = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
                    && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
                    ? TimeSpan.FromSeconds(seconds)
                    : null;
                break;
            default:
                break;
        }
    }

    private static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    private static long? AsInt64(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var number) => number,
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
