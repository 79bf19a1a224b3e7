using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DocPipeline.DurableTask.Http;

/// <summary>JSON and time formatting shared by the management API payloads.</summary>
internal static class HttpJson
{
    /// <summary>
    /// Names come from attributes on the payload types; the relaxed encoder keeps '&amp;' in links readable,
    /// which is safe here because every response is application/json, never HTML.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Status times: UTC, seconds precision, with a Z suffix (as Durable Functions prints them).</summary>
    public static string FormatStatusTime(DateTime time) =>
        ToUtc(time).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Status times from the SDK's metadata.</summary>
    public static string FormatStatusTime(DateTimeOffset time) => FormatStatusTime(time.UtcDateTime);

    /// <summary>History times: UTC with as many fraction digits as needed (the round-trip form history events use).</summary>
    public static string FormatHistoryTime(DateTime time) =>
        ToUtc(time).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Turns a stored payload into JSON: null stays null, blank text becomes an empty string, and text that is not
    /// JSON (for example a plain termination reason) is returned as a JSON string rather than rejected.
    /// </summary>
    public static JsonElement? ToElement(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        var trimmed = serialized.Trim();
        if (trimmed.Length == 0)
        {
            return JsonSerializer.SerializeToElement(string.Empty, Options);
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(serialized, Options);
        }
    }

    /// <summary>The same as <see cref="ToElement"/>, as a node for building history events.</summary>
    public static JsonNode? ToNode(string? serialized) =>
        ToElement(serialized) is { } element ? JsonSerializer.SerializeToNode(element, Options) : null;

    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };
}
