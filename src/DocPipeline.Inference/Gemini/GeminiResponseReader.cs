using System.Text;
using System.Text.Json;

namespace DocPipeline.Inference.Gemini;

/// <summary>Reads successful (HTTP 2xx) bodies; anything short of a complete answer becomes a <see cref="ModelCallException"/>.</summary>
internal static class GeminiResponseReader
{
    public static ModelResponse ReadGenerateContent(string model, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return Read(model, document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw Malformed(model, $"the body is not a valid generateContent response ({ex.GetType().Name})", ex);
        }
    }

    public static int ReadTotalTokens(string model, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("totalTokens", out var total)
                && total.ValueKind == JsonValueKind.Number)
            {
                return total.GetInt32();
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw Malformed(model, "the countTokens body is not valid JSON", ex);
        }

        throw Malformed(model, "the countTokens body has no numeric totalTokens", null);
    }

    private static ModelResponse Read(string model, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(model, "the body is not a JSON object", null);
        }

        var usage = ReadUsage(root);
        var modelVersion = OptionalString(root, "modelVersion");
        var responseId = OptionalString(root, "responseId");

        if (!root.TryGetProperty("candidates", out var candidates)
            || candidates.ValueKind != JsonValueKind.Array
            || candidates.GetArrayLength() == 0)
        {
            var blockReason = root.TryGetProperty("promptFeedback", out var feedback) && feedback.ValueKind == JsonValueKind.Object
                ? OptionalString(feedback, "blockReason")
                : null;
            if (blockReason is null)
            {
                throw Malformed(model, "the response has no candidates and no block reason", null);
            }

            throw new ModelCallException(ModelErrorKind.Blocked, model, $"Gemini blocked the prompt for model '{model}' (blockReason {blockReason}).")
            {
                Reason = blockReason,
                Usage = usage,
            };
        }

        var candidate = candidates[0];
        if (candidate.ValueKind != JsonValueKind.Object)
        {
            throw Malformed(model, "the first candidate is not an object", null);
        }

        var rawFinish = OptionalString(candidate, "finishReason");
        var finish = FinishReasons.Parse(rawFinish);
        var text = ReadAnswerText(candidate);
        ThrowIfNotComplete(model, finish, rawFinish, text, usage);

        return new ModelResponse
        {
            Model = model,
            Text = text,
            FinishReason = finish,
            RawFinishReason = rawFinish,
            Usage = usage,
            ModelVersion = modelVersion,
            ResponseId = responseId,
        };
    }

    private static void ThrowIfNotComplete(string model, ModelFinishReason finish, string? rawFinish, string text, ModelUsage usage)
    {
        if (finish == ModelFinishReason.Stop || (finish == ModelFinishReason.Unspecified && text.Length > 0))
        {
            return;
        }

        var kind = finish switch
        {
            ModelFinishReason.MaxTokens => ModelErrorKind.MaxTokens,
            _ when FinishReasons.IsFilter(finish) => ModelErrorKind.Safety,
            _ => ModelErrorKind.Incomplete,
        };
        var shown = rawFinish ?? "none";
        throw new ModelCallException(kind, model, $"Gemini stopped the answer for model '{model}' early (finishReason {shown}).")
        {
            Reason = rawFinish,
            Usage = usage,
        };
    }

    private static string ReadAnswerText(JsonElement candidate)
    {
        if (!candidate.TryGetProperty("content", out var content)
            || content.ValueKind != JsonValueKind.Object
            || !content.TryGetProperty("parts", out var parts)
            || parts.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var part in parts.EnumerateArray())
        {
            if (part.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            // Reasoning parts are flagged with "thought": true and are not part of the answer.
            if (part.TryGetProperty("thought", out var thought) && thought.ValueKind == JsonValueKind.True)
            {
                continue;
            }

            if (part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                text.Append(value.GetString());
            }
        }

        return text.ToString();
    }

    private static ModelUsage ReadUsage(JsonElement root)
    {
        if (!root.TryGetProperty("usageMetadata", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return ModelUsage.Empty;
        }

        return new ModelUsage(
            Count(usage, "promptTokenCount"),
            Count(usage, "candidatesTokenCount"),
            Count(usage, "thoughtsTokenCount"),
            Count(usage, "totalTokenCount"),
            Count(usage, "cachedContentTokenCount"));
    }

    private static int Count(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count)
            ? count
            : 0;

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static ModelCallException Malformed(string model, string detail, Exception? inner) =>
        new(ModelErrorKind.MalformedResponse, model, $"Gemini returned an unreadable response for model '{model}': {detail}.", inner);
}
