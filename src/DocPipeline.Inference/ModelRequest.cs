using System.Text.Json;

namespace DocPipeline.Inference;

/// <summary>One generation request: a single user turn plus generation settings.</summary>
/// <remarks>
/// Schema elements must outlive the request; pass <see cref="JsonElement.Clone"/> of an element whose
/// <see cref="JsonDocument"/> may be disposed.
/// </remarks>
public sealed record ModelRequest
{
    /// <summary>The model id, for example <c>gemini-2.5-flash</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The user text sent as the only content turn.</summary>
    public required string Prompt { get; init; }

    /// <summary>Optional system instruction.</summary>
    public string? SystemInstruction { get; init; }

    /// <summary>Sampling temperature; the model default when null.</summary>
    public double? Temperature { get; init; }

    /// <summary>Upper bound on answer tokens; the model default when null.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>
    /// Response MIME type. When null and a schema is given, <c>application/json</c> is sent.
    /// </summary>
    public string? ResponseMimeType { get; init; }

    /// <summary>Gemini <c>responseSchema</c> (the OpenAPI subset with upper-case type names).</summary>
    public JsonElement? ResponseSchema { get; init; }

    /// <summary>Gemini <c>responseJsonSchema</c> (standard JSON Schema); an alternative to <see cref="ResponseSchema"/>.</summary>
    public JsonElement? ResponseJsonSchema { get; init; }

    /// <summary>Thinking budget in tokens (0 disables thinking on models that allow it); omitted when null.</summary>
    public int? ThinkingBudget { get; init; }

    /// <summary>Optional safety thresholds.</summary>
    public IReadOnlyList<ModelSafetySetting>? SafetySettings { get; init; }

    /// <summary>
    /// Version of the prompt template that produced <see cref="Prompt"/>; part of the response cache key so a
    /// template change never reuses old answers.
    /// </summary>
    public string? PromptVersion { get; init; }
}
