namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// The parts of a Service Bus connection string
/// (<c>Endpoint=sb://{namespace}.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…[;EntityPath=…]</c>).
/// </summary>
public sealed record ServiceBusConnectionString
{
    /// <summary>
    /// The HTTP(S) base address of the namespace. An <c>sb://</c> endpoint becomes <c>https://</c>
    /// (<c>http://</c> when <c>UseDevelopmentEmulator=true</c>); an <c>http(s)://</c> endpoint is kept as written.
    /// </summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The name of the shared access policy, when the string carries a key.</summary>
    public string? SharedAccessKeyName { get; init; }

    /// <summary>The shared access key (base64), when the string carries one.</summary>
    public string? SharedAccessKey { get; init; }

    /// <summary>A ready-made shared access signature, when the string carries one instead of a key.</summary>
    public string? SharedAccessSignature { get; init; }

    /// <summary>The queue the string is scoped to, if any.</summary>
    public string? EntityPath { get; init; }

    /// <summary>
    /// Parses a connection string. Unknown keys are ignored; key names are case-insensitive.
    /// </summary>
    /// <param name="connectionString">The connection string.</param>
    /// <returns>The parsed parts.</returns>
    /// <exception cref="FormatException">The string is malformed or lacks an endpoint or credentials. The message never repeats secret values.</exception>
    public static ServiceBusConnectionString Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("The Service Bus connection string is empty.");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The Service Bus connection string has a part that is not of the form Key=Value.");
            }

            // Values may contain '=' (base64 keys end with it), so only the first '=' separates key from value.
            values[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (!values.TryGetValue("Endpoint", out var endpointText) || endpointText.Length == 0)
        {
            throw new FormatException("The Service Bus connection string has no Endpoint.");
        }

        var emulator = values.TryGetValue("UseDevelopmentEmulator", out var emulatorText)
            && bool.TryParse(emulatorText, out var isEmulator) && isEmulator;
        var endpoint = NormalizeEndpoint(endpointText, emulator);

        var keyName = Optional(values, "SharedAccessKeyName");
        var key = Optional(values, "SharedAccessKey");
        var signature = Optional(values, "SharedAccessSignature");
        if (signature is null && (keyName is null || key is null))
        {
            throw new FormatException(
                "The Service Bus connection string needs SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature.");
        }

        return new ServiceBusConnectionString
        {
            Endpoint = endpoint,
            SharedAccessKeyName = keyName,
            SharedAccessKey = key,
            SharedAccessSignature = signature,
            EntityPath = Optional(values, "EntityPath")?.Trim('/'),
        };
    }

    private static string? Optional(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    internal static Uri NormalizeEndpoint(string text, bool emulator)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new FormatException($"The Service Bus endpoint '{text}' is not an absolute URI.");
        }

        var scheme = uri.Scheme.ToLowerInvariant() switch
        {
            "sb" or "amqps" => emulator ? Uri.UriSchemeHttp : Uri.UriSchemeHttps,
            "https" => Uri.UriSchemeHttps,
            "http" => Uri.UriSchemeHttp,
            _ => throw new FormatException(
                $"The Service Bus endpoint has scheme '{uri.Scheme}'; expected sb, https or http."),
        };

        var builder = new UriBuilder(uri) { Scheme = scheme, Path = "/", Query = string.Empty, Fragment = string.Empty };
        if (uri.IsDefaultPort || uri.Scheme is "sb" or "amqps")
        {
            builder.Port = -1;
        }

        return builder.Uri;
    }
}
