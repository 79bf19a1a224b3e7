using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DocPipeline.Inference.Caching;

/// <summary>
/// Stable cache keys for model responses: <c>{model-slug}-{sha256}</c> over the model, prompt version, input hash
/// and schema hash. Identical inputs give identical keys in every process and on every machine.
/// </summary>
public static class ModelResponseKey
{
    private const int MaxSlugLength = 64;

    /// <summary>Creates a key from its four parts.</summary>
    /// <param name="model">The model id.</param>
    /// <param name="promptVersion">The prompt template version.</param>
    /// <param name="inputHash">Hash of the input, for example from <see cref="HashText"/>.</param>
    /// <param name="schemaHash">Hash of the response schema, for example from <see cref="HashSchema"/>.</param>
    /// <returns>A key of letters, digits, '.', '-' and '_' that is safe as a file name.</returns>
    public static string Create(string model, string promptVersion, string inputHash, string schemaHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        ArgumentNullException.ThrowIfNull(promptVersion);
        ArgumentNullException.ThrowIfNull(inputHash);
        ArgumentNullException.ThrowIfNull(schemaHash);

        // Length prefixes keep ("ab","c") and ("a","bc") apart.
        var material = new StringBuilder();
        foreach (var part in (ReadOnlySpan<string>)[model, promptVersion, inputHash, schemaHash])
        {
            material.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
        }

        return Slug(model) + "-" + HashText(material.ToString());
    }

    /// <summary>Creates the key for <paramref name="request"/>: its input covers the system instruction, the prompt and every generation setting.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The key.</returns>
    public static string ForRequest(ModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = new StringBuilder();
        AppendField(input, "system", request.SystemInstruction);
        AppendField(input, "prompt", request.Prompt);
        AppendField(input, "temperature", request.Temperature?.ToString("R", CultureInfo.InvariantCulture));
        AppendField(input, "maxOutputTokens", request.MaxOutputTokens?.ToString(CultureInfo.InvariantCulture));
        AppendField(input, "thinkingBudget", request.ThinkingBudget?.ToString(CultureInfo.InvariantCulture));
        AppendField(input, "mime", request.ResponseMimeType);
        foreach (var setting in request.SafetySettings ?? [])
        {
            AppendField(input, "safety", setting.Category + "=" + setting.Threshold);
        }

        var schema = HashSchema(request.ResponseSchema) + "|" + HashSchema(request.ResponseJsonSchema);
        return Create(request.Model, request.PromptVersion ?? string.Empty, HashText(input.ToString()), schema);
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>64 hex characters.</returns>
    public static string HashText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Hash of a schema's canonical form (object properties sorted, no whitespace), so formatting and property
    /// order do not change the key; <c>none</c> when there is no schema.
    /// </summary>
    /// <param name="schema">The schema, or null.</param>
    /// <returns>64 hex characters, or <c>none</c>.</returns>
    public static string HashSchema(JsonElement? schema)
    {
        if (schema is not { } element || element.ValueKind == JsonValueKind.Undefined)
        {
            return "none";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteCanonical(writer, element);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void AppendField(StringBuilder input, string name, string? value)
    {
        // Null and empty differ, and a length prefix keeps field boundaries unambiguous.
        input.Append(name).Append('=');
        input.Append(value is null ? "-" : value.Length.ToString(CultureInfo.InvariantCulture) + ":" + value).Append('\n');
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string Slug(string model)
    {
        var slug = new StringBuilder(Math.Min(model.Length, MaxSlugLength));
        foreach (var c in model.Length > MaxSlugLength ? model[..MaxSlugLength] : model)
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? char.ToLowerInvariant(c) : '_');
        }

        // The store rejects keys that start with '.', '-' or '_'.
        return char.IsAsciiLetterOrDigit(slug[0]) ? slug.ToString() : "m" + slug;
    }
}
