using System.Text.Json.Nodes;

namespace DocPipeline.Tests.Inference.Fakes;

/// <summary>What <see cref="FakeGeminiServer"/> received, recorded before it answered.</summary>
public sealed record FakeGeminiRequest
{
    /// <summary><c>Vertex</c> or <c>DeveloperApi</c>, from the URL shape.</summary>
    public required string Backend { get; init; }

    public required string Model { get; init; }

    /// <summary><c>generateContent</c> or <c>countTokens</c>.</summary>
    public required string Method { get; init; }

    public string? Project { get; init; }

    public string? Location { get; init; }

    public required string Path { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string Body { get; init; }

    /// <summary>The parsed body, or null when it was not JSON.</summary>
    public JsonNode? Json { get; init; }

    /// <summary>Why the server refused the request shape (answered 400/401/403), or null when it was accepted.</summary>
    public string? Rejection { get; init; }

    public string? ApiKey => Headers.GetValueOrDefault("x-goog-api-key");

    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    /// <summary>The first user text part.</summary>
    public string? PromptText =>
        (Json?["contents"] ?? Json?["generateContentRequest"]?["contents"])?[0]?["parts"]?[0]?["text"]?.GetValue<string>();

    public string? SystemText =>
        (Json?["systemInstruction"] ?? Json?["generateContentRequest"]?["systemInstruction"])?["parts"]?[0]?["text"]?.GetValue<string>();

    public JsonNode? GenerationConfig => Json?["generationConfig"];
}
