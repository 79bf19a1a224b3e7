using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocPipeline.Pipeline;

/// <summary>
/// The JSON shape of everything the pipeline writes itself (results, artifacts): web defaults (camelCase), enums as
/// strings, nulls left out. Hosts may use it for their durable payloads too, but the pipeline does not depend on it:
/// contracts round-trip through any System.Text.Json converter, and the custom status names its fields itself.
/// </summary>
public static class PipelineJson
{
    /// <summary>The serializer options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same options, indented, for result files.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
