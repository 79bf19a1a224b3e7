using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DocPipeline.Inference.Gemini;

/// <summary>The parts of a Google error body that matter: <c>{"error":{"code","message","status","details"}}</c>.</summary>
internal sealed partial record GeminiError(string? Message, string? Status, TimeSpan? RetryDelay)
{
    private const int MaxMessageLength = 500;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromDays(1);

    /// <summary>Reads an error body; tolerates an array wrapper, missing fields and non-JSON bodies.</summary>
    public static GeminiError Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                return new GeminiError(
                    Shorten(StringOf(error, "message")),
                    StringOf(error, "status"),
                    ReadRetryDelay(error));
            }
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer with HTML or plain text; fall through to the raw excerpt.
        }

        var raw = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4 * MaxMessageLength));
        return new GeminiError(Shorten(raw), null, null);
    }

    /// <summary>
    /// Parses a protobuf Duration in its JSON form (<c>"30s"</c>, <c>"1.5s"</c>) or object form
    /// (<c>{"seconds":30,"nanos":0}</c>). Returns null for anything else or a negative value.
    /// </summary>
    public static TimeSpan? ParseDuration(JsonElement value)
    {
        double? seconds = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            var match = DurationPattern().Match(value.GetString() ?? string.Empty);
            if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            {
                seconds = parsed;
            }
        }
        else if (value.ValueKind == JsonValueKind.Object)
        {
            var whole = value.TryGetProperty("seconds", out var s) ? NumberOf(s) : null;
            var nanos = value.TryGetProperty("nanos", out var n) ? NumberOf(n) : null;
            if (whole is not null || nanos is not null)
            {
                seconds = (whole ?? 0) + ((nanos ?? 0) / 1e9);
            }
        }

        if (seconds is not { } total || double.IsNaN(total) || total < 0)
        {
            return null;
        }

        return total >= MaxRetryDelay.TotalSeconds ? MaxRetryDelay : TimeSpan.FromSeconds(total);
    }

    private static TimeSpan? ReadRetryDelay(JsonElement error)
    {
        if (!error.TryGetProperty("details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var detail in details.EnumerateArray())
        {
            if (detail.ValueKind == JsonValueKind.Object
                && StringOf(detail, "@type") is { } type
                && type.EndsWith("google.rpc.RetryInfo", StringComparison.Ordinal)
                && detail.TryGetProperty("retryDelay", out var delay)
                && ParseDuration(delay) is { } parsed)
            {
                return parsed;
            }
        }

        return null;
    }

    private static double? NumberOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Shorten(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var collapsed = WhitespacePattern().Replace(message, " ").Trim();
        return collapsed.Length <= MaxMessageLength ? collapsed : collapsed[..MaxMessageLength] + "…";
    }

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)s\s*$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}
