using System.Text.Json;

namespace DocPipeline.Messaging.EventGrid;

public static partial class BlobEventParser
{
    /// <summary>The fields of <c>Microsoft.Storage.BlobCreated</c> data that the SDK reads as strings.</summary>
    private static readonly string[] BlobCreatedStringFields =
        ["api", "clientRequestId", "requestId", "eTag", "contentType", "blobType", "url", "sequencer", "identity"];

    /// <summary>The exceptions the Event Grid SDK raises for input it cannot read (as opposed to bugs).</summary>
    private static bool IsSdkFailure(Exception ex) => ex is ArgumentException or FormatException or InvalidOperationException or JsonException;

    /// <summary>
    /// The SDK's reason, without the payload: its argument errors append the offending event's JSON after the first
    /// line, and the body is never repeated in an error.
    /// </summary>
    private static string SdkReason(Exception ex)
    {
        if (ex is ArgumentNullException { ParamName: { Length: > 0 } name })
        {
            return $"'{char.ToLowerInvariant(name[0])}{name[1..]}' is missing.";
        }

        var firstLine = ex.Message.Split('\n', 2)[0].Trim();
        return ex is FormatException ? $"a value has the wrong format ({firstLine})" : firstLine;
    }

    /// <summary>Says which part of BlobCreated data the SDK could not read.</summary>
    private static string DataProblem(BinaryData? data, string where)
    {
        if (data is null || data.ToMemory().IsEmpty)
        {
            return $"{where} is a BlobCreated event without 'data'.";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data.ToMemory(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            return $"{where}: 'data' is not JSON: {ex.Message}";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"{where}: 'data' is a JSON {Describe(root.ValueKind)}; expected an object.";
            }

            if (root.TryGetProperty("contentLength", out var length) && length.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
            {
                return $"{where}: 'contentLength' must be a non-negative whole number.";
            }

            foreach (var field in BlobCreatedStringFields)
            {
                if (root.TryGetProperty(field, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    return $"{where}: '{field}' is a JSON {Describe(value.ValueKind)}; expected a string.";
                }
            }

            return $"{where}: 'data' does not match the {BlobCreatedEventType} schema.";
        }
    }
}
