using System.Globalization;
using System.Text.Json;

namespace DocPipeline.Messaging.EventGrid;

public static partial class BlobEventParser
{
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
