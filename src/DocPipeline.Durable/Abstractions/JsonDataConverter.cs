using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocPipeline.Durable;

/// <summary>How inputs, outputs and custom status are turned into JSON and back (web defaults: camelCase).</summary>
public static class JsonDataConverter
{
    /// <summary>The serializer options used for every payload.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes a value; null stays null.</summary>
    /// <param name="value">The value.</param>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes a value; null or empty text gives the type's default.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="type">The target type.</param>
    public static object? Deserialize(string? json, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrEmpty(json))
        {
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type) : null;
        }

        return JsonSerializer.Deserialize(json, type, Options);
    }

    /// <summary>Deserializes a value.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="json">The JSON text.</param>
    public static T? Deserialize<T>(string? json) => (T?)Deserialize(json, typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
