using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DocPipeline.Messaging.EventGrid;

/// <summary>
/// Reads a queue message body as blob-created notifications: the intake both hosts share (the standalone host's
/// storage-queue and Service Bus triggers, and the Functions app's queue trigger). The body may be base64-encoded or
/// plain, and may hold one Event Grid event, one CloudEvent, a JSON array of either, a bare blob URL, or a small
/// <c>{"url": …}</c> / <c>{"container": …, "name": …}</c> object. Events are read by the Azure SDK
/// (<see cref="Azure.Messaging.EventGrid.EventGridEvent.ParseMany(BinaryData)"/>,
/// <see cref="Azure.Messaging.CloudEvent.ParseMany(BinaryData, bool)"/> and
/// <see cref="Azure.Messaging.EventGrid.SystemEvents.StorageBlobCreatedEventData"/>). Events of other types, and
/// blobs outside <see cref="BlobEventParserOptions.Containers"/>, are reported as ignored (log them with
/// <see cref="BlobEventParseResult.LogIgnored"/>); malformed input raises <see cref="BlobEventParseException"/>,
/// whose message says what was wrong without repeating the body.
/// </summary>
public static partial class BlobEventParser
{
    /// <summary>The event type of a committed blob.</summary>
    public const string BlobCreatedEventType = "Microsoft.Storage.BlobCreated";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a message body.</summary>
    /// <param name="messageBody">The message text as the queue returned it.</param>
    /// <param name="options">Limits and the containers read; <see cref="BlobEventParserOptions.Default"/> (every container) when unset.</param>
    /// <returns>The notifications and ignored events.</returns>
    /// <exception cref="BlobEventParseException">The body is empty, too large, or not a recognised notification.</exception>
    public static BlobEventParseResult Parse(string? messageBody, BlobEventParserOptions? options = null)
    {
        options ??= BlobEventParserOptions.Default;
        if (messageBody is null)
        {
            throw new BlobEventParseException("The message body is empty.");
        }

        if (messageBody.Length > options.MaxBodyLength)
        {
            throw new BlobEventParseException(
                $"The message body is {messageBody.Length:N0} characters long; the limit is {options.MaxBodyLength:N0}.");
        }

        var text = Clean(messageBody);
        if (text.Length == 0)
        {
            throw new BlobEventParseException("The message body is empty.");
        }

        if (TryParseText(text, options, out var result))
        {
            return result with { WasBase64Encoded = false };
        }

        if (!TryDecodeBase64(text, out var decoded))
        {
            throw new BlobEventParseException(
                $"The message body ({text.Length:N0} characters) is neither JSON, a blob URL, nor base64-encoded.");
        }

        if (decoded.Length == 0)
        {
            throw new BlobEventParseException("The message body is base64-encoded but decodes to nothing.");
        }

        if (TryParseText(decoded, options, out result))
        {
            return result with { WasBase64Encoded = true };
        }

        throw new BlobEventParseException(
            "The message body is base64-encoded, but what it decodes to is neither JSON nor a blob URL.");
    }

    /// <summary>Parses a message body given as bytes (UTF-8 text).</summary>
    /// <param name="messageBody">The message bytes.</param>
    /// <param name="options">Limits and the containers read; <see cref="BlobEventParserOptions.Default"/> (every container) when unset.</param>
    /// <returns>The notifications and ignored events.</returns>
    /// <exception cref="BlobEventParseException">The bytes are not UTF-8 text, or <see cref="Parse(string?, BlobEventParserOptions?)"/> rejects the text.</exception>
    public static BlobEventParseResult Parse(BinaryData messageBody, BlobEventParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messageBody);
        options ??= BlobEventParserOptions.Default;
        var bytes = messageBody.ToMemory();
        if (bytes.Length > options.MaxBodyLength * 4L)
        {
            throw new BlobEventParseException(
                $"The message body is {bytes.Length:N0} bytes long; the limit is {options.MaxBodyLength:N0} characters.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException ex)
        {
            throw new BlobEventParseException("The message body is not UTF-8 text.", ex);
        }

        return Parse(text, options);
    }

    /// <summary>Parses a message body without throwing.</summary>
    /// <param name="messageBody">The message text.</param>
    /// <param name="result">The notifications and ignored events, when parsing succeeded.</param>
    /// <param name="error">What was wrong, when it failed.</param>
    /// <param name="options">Limits and the containers read; <see cref="BlobEventParserOptions.Default"/> (every container) when unset.</param>
    /// <returns>Whether the body was parsed.</returns>
    public static bool TryParse(string? messageBody, out BlobEventParseResult? result, out string? error, BlobEventParserOptions? options = null)
    {
        try
        {
            result = Parse(messageBody, options);
            error = null;
            return true;
        }
        catch (BlobEventParseException ex)
        {
            result = null;
            error = ex.Message;
            return false;
        }
    }

    private static string Clean(string text) => text.Trim().TrimStart('\uFEFF').Trim();

    private static bool TryParseText(string text, BlobEventParserOptions options, out BlobEventParseResult result)
    {
        if (text[0] is '{' or '[' or '"' || IsJsonLiteral(text))
        {
            result = ParseJson(text, options);
            return true;
        }

        if (TryParseUrl(text, out var url))
        {
            var collector = new Collector(options);
            collector.Add(FromUrl(url, BlobEventFormat.BlobUrl, "The message"));
            result = collector.ToResult(wasBase64Encoded: false);
            return true;
        }

        result = null!;
        return false;
    }

    // A bare number or literal is JSON, even where it would also pass as base64; it is then rejected as such.
    private static bool IsJsonLiteral(string text) =>
        text is "true" or "false" or "null"
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static bool TryParseUrl(string text, out Uri url)
    {
        url = null!;
        if (text.Any(char.IsWhiteSpace) || !Uri.TryCreate(text, UriKind.Absolute, out var parsed))
        {
            return false;
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        url = parsed;
        return true;
    }

    private static bool TryDecodeBase64(string text, out string decoded)
    {
        decoded = string.Empty;
        var buffer = new byte[((text.Length / 4) + 1) * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        try
        {
            decoded = Clean(StrictUtf8.GetString(buffer, 0, written));
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static BlobEventParseResult ParseJson(string text, BlobEventParserOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new BlobEventParseException($"The message body is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var collector = new Collector(options);
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    ParseEvents([root], text, isArray: false, collector);
                    break;
                case JsonValueKind.Array:
                    ParseArray(root, text, options, collector);
                    break;
                case JsonValueKind.String when TryParseUrl(root.GetString()!.Trim(), out var url):
                    collector.Add(FromUrl(url, BlobEventFormat.BlobUrl, "The message"));
                    break;
                default:
                    throw new BlobEventParseException(
                        $"The message body is a JSON {Describe(root.ValueKind)}; expected an event object, an array of events, or a blob URL.");
            }

            return collector.ToResult(wasBase64Encoded: false);
        }
    }

    private static void ParseArray(JsonElement array, string text, BlobEventParserOptions options, Collector collector)
    {
        var count = array.GetArrayLength();
        if (count == 0)
        {
            throw new BlobEventParseException("The message body is an empty JSON array: it holds no events.");
        }

        if (count > options.MaxEvents)
        {
            throw new BlobEventParseException($"The message holds {count:N0} events; the limit is {options.MaxEvents:N0}.");
        }

        var events = new List<JsonElement>(count);
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new BlobEventParseException($"Event {events.Count} of {count} is a JSON {Describe(element.ValueKind)}, not an event object.");
            }

            events.Add(element);
        }

        ParseEvents(events, text, isArray: true, collector);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
