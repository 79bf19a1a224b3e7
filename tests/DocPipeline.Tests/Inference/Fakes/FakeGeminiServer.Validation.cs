using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DocPipeline.Tests.Inference.Fakes;

/// <summary>Request-shape checks, answered the way the real service answers them.</summary>
public sealed partial class FakeGeminiServer
{
    private (string? Rejection, FakeGeminiReply? Reply) Validate(
        HttpRequest http, Route route, Dictionary<string, string> headers, JsonNode? json)
    {
        if (!HttpMethods.IsPost(http.Method))
        {
            return Reject(405, "METHOD_NOT_ALLOWED", $"Method {http.Method} is not allowed.");
        }

        if (route.Backend == "Vertex")
        {
            var authorization = headers.GetValueOrDefault("Authorization");
            if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= 7)
            {
                return Reject(401, "UNAUTHENTICATED", "Request is missing required authentication credential.");
            }

            if (RequiredBearerToken is not null && authorization[7..] != RequiredBearerToken)
            {
                return Reject(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
            }
        }
        else
        {
            var key = headers.GetValueOrDefault("x-goog-api-key");
            if (string.IsNullOrEmpty(key))
            {
                return Reject(401, "UNAUTHENTICATED", "Method doesn't allow unregistered callers. Please use API Key.");
            }

            if (RequiredApiKey is not null && key != RequiredApiKey)
            {
                return Reject(403, "PERMISSION_DENIED", "API key not valid. Please pass a valid API key.");
            }
        }

        if (http.ContentType is null || !http.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(400, "INVALID_ARGUMENT", $"Content-Type must be application/json, was '{http.ContentType}'.");
        }

        if (json is not JsonObject root)
        {
            return Reject(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }

        var problem = route.Method == "countTokens" ? ValidateCountTokens(root) : ValidateGenerateContent(root);
        return problem is null ? (null, null) : Reject(400, "INVALID_ARGUMENT", problem);
    }

    private static string? ValidateGenerateContent(JsonObject root)
    {
        var problem = ValidateContents(root["contents"]) ?? ValidateInstruction(root["systemInstruction"]);
        if (problem is not null)
        {
            return problem;
        }

        if (root["generationConfig"] is { } config)
        {
            if (config is not JsonObject configObject)
            {
                return "generationConfig must be an object.";
            }

            var hasSchema = configObject["responseSchema"] is not null || configObject["responseJsonSchema"] is not null;
            if (configObject["responseSchema"] is not null and not JsonObject)
            {
                return "generationConfig.responseSchema must be an object.";
            }

            if (hasSchema && configObject["responseMimeType"]?.GetValue<string>() != "application/json")
            {
                return "responseSchema requires responseMimeType application/json.";
            }

            if (configObject["temperature"] is { } temperature && temperature.GetValueKind() != JsonValueKind.Number)
            {
                return "generationConfig.temperature must be a number.";
            }
        }

        if (root["safetySettings"] is { } safety && safety is not JsonArray)
        {
            return "safetySettings must be an array.";
        }

        return null;
    }

    private static string? ValidateCountTokens(JsonObject root)
    {
        if (root["generateContentRequest"] is JsonObject inner)
        {
            return ValidateContents(inner["contents"]) ?? ValidateInstruction(inner["systemInstruction"]);
        }

        return ValidateContents(root["contents"]) ?? ValidateInstruction(root["systemInstruction"]);
    }

    private static string? ValidateContents(JsonNode? contents)
    {
        if (contents is not JsonArray items || items.Count == 0)
        {
            return "contents must be a non-empty array.";
        }

        foreach (var item in items)
        {
            if (item is not JsonObject content || ValidateParts(content["parts"]) is not null)
            {
                return "each content needs a non-empty parts array of text parts.";
            }
        }

        return null;
    }

    private static string? ValidateInstruction(JsonNode? instruction) =>
        instruction is null || (instruction is JsonObject o && ValidateParts(o["parts"]) is null)
            ? null
            : "systemInstruction needs a non-empty parts array of text parts.";

    private static string? ValidateParts(JsonNode? parts)
    {
        if (parts is not JsonArray list || list.Count == 0)
        {
            return "parts must be a non-empty array.";
        }

        return list.All(p => p is JsonObject part && part["text"]?.GetValueKind() == JsonValueKind.String)
            ? null
            : "every part needs a text string.";
    }

    private static (string?, FakeGeminiReply?) Reject(int status, string googleStatus, string message) =>
        (message, FakeGeminiReply.Error(status, googleStatus, message));
}
