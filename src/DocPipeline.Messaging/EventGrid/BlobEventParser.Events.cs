using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;

namespace DocPipeline.Messaging.EventGrid;

public static partial class BlobEventParser
{
    private enum EventShape
    {
        EventGrid,
        CloudEvents,
        Simple,
    }

    /// <summary>
    /// Reads the events of one message in order. Each is checked for the fields the SDK needs (so a missing or
    /// mistyped field gets a message naming it), then the SDK reads them: the whole body in one call when every event
    /// has the same schema, one event at a time otherwise.
    /// </summary>
    private static void ParseEvents(IReadOnlyList<JsonElement> events, string body, bool isArray, Collector collector)
    {
        var shapes = new EventShape[events.Count];
        var where = new string[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var place = isArray ? $"Event {i} of {events.Count}" : "The event";
            (shapes[i], where[i]) = Check(events[i], place);
        }

        var eventGrid = shapes.All(s => s == EventShape.EventGrid)
            ? ParseAll(events, body, where, EventGridEvent.ParseMany, "Event Grid event")
            : null;
        var cloudEvents = shapes.All(s => s == EventShape.CloudEvents)
            ? ParseAll(events, body, where, json => CloudEvent.ParseMany(json), "CloudEvent")
            : null;
        for (var i = 0; i < events.Count; i++)
        {
            switch (shapes[i])
            {
                case EventShape.EventGrid:
                    Read(eventGrid?[i] ?? ParseOne(events[i], where[i], EventGridEvent.ParseMany, "Event Grid event"), where[i], collector);
                    break;
                case EventShape.CloudEvents:
                    Read(cloudEvents?[i] ?? ParseOne(events[i], where[i], json => CloudEvent.ParseMany(json), "CloudEvent"), where[i], collector);
                    break;
                default:
                    collector.Add(ParseSimple(events[i], where[i]));
                    break;
            }
        }
    }

    private static (EventShape Shape, string Where) Check(JsonElement item, string where)
    {
        if (Has(item, "specversion") || (Has(item, "type") && Has(item, "source")))
        {
            return (EventShape.CloudEvents, CheckCloudEvent(item, where));
        }

        if (Has(item, "eventType"))
        {
            return (EventShape.EventGrid, CheckEventGridEvent(item, where));
        }

        if (Has(item, "url") || Has(item, "container"))
        {
            return (EventShape.Simple, where);
        }

        throw new BlobEventParseException(
            $"{where} is neither an Event Grid event (no 'eventType'), a CloudEvent (no 'specversion'), nor a {{\"url\"}} or {{\"container\", \"name\"}} message.");
    }

    private static string CheckEventGridEvent(JsonElement item, string where)
    {
        RequiredString(item, "eventType", where);
        where = WithId(where, OptionalString(item, "id", where));
        RequiredString(item, "id", where);
        if (OptionalString(item, "subject", where) is null)
        {
            throw new BlobEventParseException($"{where} has no 'subject'.");
        }

        if (OptionalString(item, "dataVersion", where) is null)
        {
            throw new BlobEventParseException($"{where} has no 'dataVersion'.");
        }

        OptionalTime(item, "eventTime", where);
        OptionalString(item, "topic", where);
        if (!Has(item, "data"))
        {
            throw new BlobEventParseException($"{where} has no 'data'.");
        }

        return where;
    }

    private static string CheckCloudEvent(JsonElement item, string where)
    {
        var specVersion = OptionalString(item, "specversion", where);
        if (specVersion != "1.0")
        {
            throw new BlobEventParseException(specVersion is null
                ? $"{where} is a CloudEvent without 'specversion'; only 1.0 is understood."
                : $"{where} is a CloudEvent of spec version '{specVersion}'; only 1.0 is understood.");
        }

        var type = RequiredString(item, "type", where);
        where = WithId(where, OptionalString(item, "id", where));
        RequiredString(item, "id", where);
        RequiredString(item, "source", where);
        OptionalString(item, "subject", where);
        OptionalTime(item, "time", where);
        if (OptionalString(item, "data_base64", where) is { } encoded)
        {
            ParseDataBase64(encoded, where).Dispose();
        }
        else if (IsBlobCreated(type) && (!item.TryGetProperty("data", out var data) || data.ValueKind == JsonValueKind.Null))
        {
            throw new BlobEventParseException($"{where} is a BlobCreated CloudEvent without 'data' or 'data_base64'.");
        }

        return where;
    }

    private static T[]? ParseAll<T>(IReadOnlyList<JsonElement> events, string body, string[] where, Func<BinaryData, T[]> parseMany, string schema)
    {
        try
        {
            var parsed = parseMany(BinaryData.FromString(body));
            return parsed.Length == events.Count ? parsed : null;
        }
        catch (Exception ex) when (IsSdkFailure(ex))
        {
            // Read them one at a time to say which event the SDK refused.
            for (var i = 0; i < events.Count; i++)
            {
                ParseOne(events[i], where[i], parseMany, schema);
            }

            throw new BlobEventParseException($"The message is not a valid batch of {schema}s: {SdkReason(ex)}", ex);
        }
    }

    private static T ParseOne<T>(JsonElement item, string where, Func<BinaryData, T[]> parseMany, string schema)
    {
        try
        {
            return parseMany(BinaryData.FromString(item.GetRawText())).Single();
        }
        catch (Exception ex) when (IsSdkFailure(ex))
        {
            throw new BlobEventParseException($"{where} is not a valid {schema}: {SdkReason(ex)}", ex);
        }
    }

    private static void Read(EventGridEvent item, string where, Collector collector)
    {
        if (!IsBlobCreated(item.EventType))
        {
            collector.Ignore(new IgnoredBlobEvent(item.EventType, item.Subject, item.Id, $"Event type '{item.EventType}' is not {BlobCreatedEventType}."));
            return;
        }

        var data = TryReadSystemData(() => item.TryGetSystemEventData(out var system) ? system : null) as StorageBlobCreatedEventData
            ?? throw new BlobEventParseException(DataProblem(item.Data, where));
        collector.Add(FromBlobCreated(
            data, item.Subject, item.Topic, item.Id, item.EventTime == default ? null : item.EventTime, BlobEventFormat.EventGrid, where));
    }

    private static void Read(CloudEvent item, string where, Collector collector)
    {
        if (!IsBlobCreated(item.Type))
        {
            collector.Ignore(new IgnoredBlobEvent(item.Type, item.Subject, item.Id, $"Event type '{item.Type}' is not {BlobCreatedEventType}."));
            return;
        }

        var data = TryReadSystemData(() => item.TryGetSystemEventData(out var system) ? system : null) as StorageBlobCreatedEventData
            ?? throw new BlobEventParseException(DataProblem(item.Data, where));
        collector.Add(FromBlobCreated(data, item.Subject, item.Source, item.Id, item.Time, BlobEventFormat.CloudEvents, where));
    }

    private static object? TryReadSystemData(Func<object?> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (IsSdkFailure(ex))
        {
            return null;
        }
    }

    private static BlobCreatedNotification FromBlobCreated(
        StorageBlobCreatedEventData data, string? subject, string? topic, string? id, DateTimeOffset? time, BlobEventFormat format, string where)
    {
        if (data.ContentLength is < 0)
        {
            throw new BlobEventParseException($"{where}: 'contentLength' must be a non-negative whole number.");
        }

        Uri? url = null;
        if (data.Url is { } text && !TryParseUrl(text.Trim(), out url))
        {
            throw new BlobEventParseException($"{where}: 'url' is not an absolute http(s) URL.");
        }

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
            ETag = data.ETag,
            ContentLength = data.ContentLength,
            ContentType = data.ContentType,
            Sequencer = data.Sequencer,
            Api = data.Api,
            BlobType = data.BlobType,
            EventId = id,
            EventTime = time,
        };
    }

    private static bool IsBlobCreated(string? type) => string.Equals(type, BlobCreatedEventType, StringComparison.OrdinalIgnoreCase);
}
