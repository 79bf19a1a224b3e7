using System.Globalization;
using System.Text.Json;

namespace DocPipeline.Messaging.EventGrid;

public static partial class BlobEventParser
{
    private static void ParseEvent(JsonElement item, string where, List<BlobCreatedNotification> created, List<IgnoredBlobEvent> ignored)
    {
        if (Has(item, "specversion") || (Has(item, "type") && Has(item, "source")))
        {
            ParseCloudEvent(item, where, created, ignored);
        }
        else if (Has(item, "eventType"))
        {
            ParseEventGridEvent(item, where, created, ignored);
        }
        else if (Has(item, "url") || Has(item, "container"))
        {
            created.Add(ParseSimple(item, where));
        }
        else
        {
            throw new BlobEventParseException(
                $"{where} is neither an Event Grid event (no 'eventType'), a CloudEvent (no 'specversion'), nor a {{\"url\"}} or {{\"container\", \"name\"}} message.");
        }
    }

    private static void ParseEventGridEvent(JsonElement item, string where, List<BlobCreatedNotification> created, List<IgnoredBlobEvent> ignored)
    {
        var type = RequiredString(item, "eventType", where);
        var id = OptionalString(item, "id", where);
        where = WithId(where, id);
        var subject = OptionalString(item, "subject", where);
        if (!string.Equals(type, BlobCreatedEventType, StringComparison.OrdinalIgnoreCase))
        {
            ignored.Add(new IgnoredBlobEvent(type, subject, id, $"Event type '{type}' is not {BlobCreatedEventType}."));
            return;
        }

        var data = RequiredObject(item, "data", where);
        created.Add(FromBlobCreatedData(
            data,
            subject,
            OptionalString(item, "topic", where),
            id,
            OptionalTime(item, "eventTime", where),
            BlobEventFormat.EventGrid,
            where));
    }

    private static void ParseCloudEvent(JsonElement item, string where, List<BlobCreatedNotification> created, List<IgnoredBlobEvent> ignored)
    {
        var specVersion = OptionalString(item, "specversion", where);
        if (specVersion is not null && !specVersion.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new BlobEventParseException($"{where} is a CloudEvent of spec version '{specVersion}'; only 1.x is understood.");
        }

        var type = RequiredString(item, "type", where);
        var id = OptionalString(item, "id", where);
        where = WithId(where, id);
        var subject = OptionalString(item, "subject", where);
        if (!string.Equals(type, BlobCreatedEventType, StringComparison.OrdinalIgnoreCase))
        {
            ignored.Add(new IgnoredBlobEvent(type, subject, id, $"Event type '{type}' is not {BlobCreatedEventType}."));
            return;
        }

        var source = OptionalString(item, "source", where);
        var time = OptionalTime(item, "time", where);
        if (item.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null)
        {
            created.Add(FromBlobCreatedData(AsObject(data, "data", where), subject, source, id, time, BlobEventFormat.CloudEvents, where));
            return;
        }

        var encoded = OptionalString(item, "data_base64", where)
            ?? throw new BlobEventParseException($"{where} is a BlobCreated CloudEvent without 'data' or 'data_base64'.");
        using var decoded = ParseDataBase64(encoded, where);
        created.Add(FromBlobCreatedData(decoded.RootElement, subject, source, id, time, BlobEventFormat.CloudEvents, where));
    }

    private static JsonDocument ParseDataBase64(string encoded, string where)
    {
        try
        {
            var document = JsonDocument.Parse(Convert.FromBase64String(encoded));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new BlobEventParseException($"{where}: 'data_base64' does not hold a JSON object.");
            }

            return document;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw new BlobEventParseException($"{where}: 'data_base64' is not base64-encoded JSON.", ex);
        }
    }

    private static BlobCreatedNotification FromBlobCreatedData(
        JsonElement data, string? subject, string? topic, string? id, DateTimeOffset? time, BlobEventFormat format, string where)
    {
        var url = OptionalUrl(data, "url", where);
        var location = BlobLocation.FromSubject(subject) ?? (url is null ? null : BlobLocation.FromUrl(url));
        if (location is null)
        {
            throw new BlobEventParseException(url is null
                ? $"{where} does not say which blob was created: its subject is not /blobServices/default/containers/{{container}}/blobs/{{name}} and it has no data.url."
                : $"{where} does not say which blob was created: neither its subject nor data.url '{BlobLocation.Describe(url)}' names a container and a blob.");
        }

        return new BlobCreatedNotification
        {
            Container = location.Container,
            BlobName = location.BlobName,
            Format = format,
            Url = url,
            AccountName = AccountFromTopic(topic) ?? (url is null ? null : BlobLocation.FromUrl(url)?.AccountName),
            ETag = OptionalString(data, "eTag", where),
            ContentLength = OptionalLength(data, "contentLength", where),
            ContentType = OptionalString(data, "contentType", where),
            Sequencer = OptionalString(data, "sequencer", where),
            Api = OptionalString(data, "api", where),
            BlobType = OptionalString(data, "blobType", where),
            EventId = id,
            EventTime = time,
        };
    }

    private static BlobCreatedNotification ParseSimple(JsonElement item, string where)
    {
        var url = OptionalUrl(item, "url", where);
        BlobLocation? location;
        if (url is not null)
        {
            location = BlobLocation.FromUrl(url)
                ?? throw new BlobEventParseException($"{where}: URL '{BlobLocation.Describe(url)}' does not name a container and a blob.");
        }
        else
        {
            var container = RequiredString(item, "container", where);
            var name = OptionalString(item, "name", where) ?? OptionalString(item, "blobName", where) ?? OptionalString(item, "blob", where)
                ?? throw new BlobEventParseException($"{where} names container '{container}' but no blob ('name').");
            if (!BlobLocation.IsValid(container, name))
            {
                throw new BlobEventParseException($"{where}: '{container}' / '{name}' is not a valid container and blob name.");
            }

            location = new BlobLocation(container, name, null);
        }

        return new BlobCreatedNotification
        {
            Container = location.Container,
            BlobName = location.BlobName,
            Format = BlobEventFormat.SimpleJson,
            Url = url,
            AccountName = location.AccountName,
            ETag = OptionalString(item, "eTag", where),
            ContentLength = OptionalLength(item, "contentLength", where),
            ContentType = OptionalString(item, "contentType", where),
        };
    }

    private static BlobCreatedNotification FromUrl(Uri url, BlobEventFormat format, string where)
    {
        var location = BlobLocation.FromUrl(url)
            ?? throw new BlobEventParseException($"{where} is URL '{BlobLocation.Describe(url)}', which does not name a container and a blob.");
        return new BlobCreatedNotification
        {
            Container = location.Container,
            BlobName = location.BlobName,
            Format = format,
            Url = url,
            AccountName = location.AccountName,
        };
    }

    private static string? AccountFromTopic(string? topic)
    {
        const string marker = "/storageAccounts/";
        var at = topic?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var name = topic![(at + marker.Length)..].Split('/')[0];
        return name.Length > 0 ? name : null;
    }

    private static string WithId(string where, string? id) => id is null ? where : $"{where} (id '{id}')";

    private static bool Has(JsonElement item, string name) => item.TryGetProperty(name, out _);

    private static string RequiredString(JsonElement item, string name, string where)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind is JsonValueKind.Null)
        {
            throw new BlobEventParseException($"{where} has no '{name}', or it is empty.");
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new BlobEventParseException(value.ValueKind == JsonValueKind.String
                ? $"{where} has no '{name}', or it is empty."
                : $"{where}: '{name}' is a JSON {Describe(value.ValueKind)}; expected a string.");
    }

    private static string? OptionalString(JsonElement item, string name, string where)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new BlobEventParseException($"{where}: '{name}' is a JSON {Describe(value.ValueKind)}; expected a string."),
        };
    }

    private static JsonElement RequiredObject(JsonElement item, string name, string where) =>
        item.TryGetProperty(name, out var value)
            ? AsObject(value, name, where)
            : throw new BlobEventParseException($"{where} is a BlobCreated event without '{name}'.");

    private static JsonElement AsObject(JsonElement value, string name, string where) =>
        value.ValueKind == JsonValueKind.Object
            ? value
            : throw new BlobEventParseException($"{where}: '{name}' is a JSON {Describe(value.ValueKind)}; expected an object.");

    private static Uri? OptionalUrl(JsonElement item, string name, string where)
    {
        var text = OptionalString(item, name, where);
        if (text is null)
        {
            return null;
        }

        return TryParseUrl(text.Trim(), out var url)
            ? url
            : throw new BlobEventParseException($"{where}: '{name}' is not an absolute http(s) URL.");
    }

    private static long? OptionalLength(JsonElement item, string name, string where)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0)
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new BlobEventParseException($"{where}: '{name}' must be a non-negative whole number.");
    }

    private static DateTimeOffset? OptionalTime(JsonElement item, string name, string where)
    {
        var text = OptionalString(item, name, where);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new BlobEventParseException($"{where}: '{name}' is not an ISO 8601 time.");
    }
}
