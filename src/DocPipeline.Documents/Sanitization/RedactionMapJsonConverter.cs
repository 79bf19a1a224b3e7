using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocPipeline.Documents.Sanitization;

/// <summary>
/// Keeps redaction maps out of JSON: a map written by mistake becomes a marker without values, and reading one
/// fails loudly instead of producing an empty map that looks valid.
/// </summary>
internal sealed class RedactionMapJsonConverter : JsonConverter<RedactionMap>
{
    public override RedactionMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("A redaction map holds personal data and is never serialised, so it cannot be deserialised.");

    public override void Write(Utf8JsonWriter writer, RedactionMap value, JsonSerializerOptions options) =>
        writer.WriteStringValue("[withheld]");
}
