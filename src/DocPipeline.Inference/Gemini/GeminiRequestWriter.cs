using System.Text.Json;

namespace DocPipeline.Inference.Gemini;

/// <summary>Writes request bodies straight to UTF-8 JSON.</summary>
internal static class GeminiRequestWriter
{
    private const string JsonMimeType = "application/json";

    public static byte[] WriteGenerateContent(ModelRequest request)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteUserContents(writer, request.Prompt);
            WriteSystemInstruction(writer, request.SystemInstruction);
            WriteGenerationConfig(writer, request);
            WriteSafetySettings(writer, request.SafetySettings);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static byte[] WriteCountTokens(GeminiBackend backend, string model, string text, string? systemInstruction)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();

            // The Developer API's countTokens takes a system instruction only inside a full generate request.
            if (backend == GeminiBackend.DeveloperApi && !string.IsNullOrEmpty(systemInstruction))
            {
                writer.WriteStartObject("generateContentRequest");
                writer.WriteString("model", "models/" + model);
                WriteUserContents(writer, text);
                WriteSystemInstruction(writer, systemInstruction);
                writer.WriteEndObject();
            }
            else
            {
                WriteUserContents(writer, text);
                WriteSystemInstruction(writer, systemInstruction);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteUserContents(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartArray("contents");
        writer.WriteStartObject();
        writer.WriteString("role", "user");
        WriteTextParts(writer, text);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteSystemInstruction(Utf8JsonWriter writer, string? systemInstruction)
    {
        if (string.IsNullOrEmpty(systemInstruction))
        {
            return;
        }

        writer.WriteStartObject("systemInstruction");
        WriteTextParts(writer, systemInstruction);
        writer.WriteEndObject();
    }

    private static void WriteTextParts(Utf8JsonWriter writer, string text)
    {
        writer.WriteStartArray("parts");
        writer.WriteStartObject();
        writer.WriteString("text", text);
        writer.WriteEndObject();
        writer.WriteEndArray();
    }

    private static void WriteGenerationConfig(Utf8JsonWriter writer, ModelRequest request)
    {
        var mimeType = request.ResponseMimeType
            ?? (request.ResponseSchema is not null || request.ResponseJsonSchema is not null ? JsonMimeType : null);
        writer.WriteStartObject("generationConfig");
        if (request.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }

        if (request.MaxOutputTokens is { } maxOutputTokens)
        {
            writer.WriteNumber("maxOutputTokens", maxOutputTokens);
        }

        if (mimeType is not null)
        {
            writer.WriteString("responseMimeType", mimeType);
        }

        if (request.ResponseSchema is { } schema)
        {
            writer.WritePropertyName("responseSchema");
            schema.WriteTo(writer);
        }

        if (request.ResponseJsonSchema is { } jsonSchema)
        {
            writer.WritePropertyName("responseJsonSchema");
            jsonSchema.WriteTo(writer);
        }

        if (request.ThinkingBudget is { } thinkingBudget)
        {
            writer.WriteStartObject("thinkingConfig");
            writer.WriteNumber("thinkingBudget", thinkingBudget);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteSafetySettings(Utf8JsonWriter writer, IReadOnlyList<ModelSafetySetting>? settings)
    {
        if (settings is null || settings.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("safetySettings");
        foreach (var setting in settings)
        {
            writer.WriteStartObject();
            writer.WriteString("category", setting.Category);
            writer.WriteString("threshold", setting.Threshold);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
