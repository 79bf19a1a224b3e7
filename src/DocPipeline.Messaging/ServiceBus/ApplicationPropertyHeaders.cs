using System.Net.Http.Headers;
using System.Text.Json;

namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// Maps string application properties to and from custom HTTP headers, the way the Service Bus REST API carries
/// them: one header per property, the value a JSON string literal.
/// </summary>
internal static class ApplicationPropertyHeaders
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        BrokerProperties.HeaderName, "Authorization", "Connection", "Content-Encoding", "Content-Length",
        "Content-Type", "Date", "ETag", "Expect", "Host", "Keep-Alive", "Location", "Server",
        "Strict-Transport-Security", "Transfer-Encoding", "Upgrade",
    };

    public static void Write(HttpRequestMessage request, IReadOnlyDictionary<string, string>? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var (name, value) in properties)
        {
            if (!IsToken(name) || Reserved.Contains(name))
            {
                throw new ArgumentException(
                    $"Application property '{name}' cannot be sent: its name must be an HTTP header token and not a protocol header.",
                    nameof(properties));
            }

            ArgumentNullException.ThrowIfNull(value, nameof(properties));
            request.Headers.TryAddWithoutValidation(name, JsonSerializer.Serialize(value, MessagingJsonContext.Default.String));
        }
    }

    public static Dictionary<string, string> Read(HttpResponseHeaders headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            if (Reserved.Contains(header.Key))
            {
                continue;
            }

            foreach (var raw in header.Value)
            {
                if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' && TryReadJsonString(raw, out var text))
                {
                    result[header.Key] = text;
                }
            }
        }

        return result;
    }

    private static bool TryReadJsonString(string raw, out string text)
    {
        try
        {
            text = JsonSerializer.Deserialize(raw, MessagingJsonContext.Default.String) ?? string.Empty;
            return true;
        }
        catch (JsonException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static bool IsToken(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
