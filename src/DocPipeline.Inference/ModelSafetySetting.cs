namespace DocPipeline.Inference;

/// <summary>A Gemini safety threshold, sent as-is.</summary>
/// <param name="Category">Harm category, for example <c>HARM_CATEGORY_HARASSMENT</c>.</param>
/// <param name="Threshold">Threshold, for example <c>BLOCK_ONLY_HIGH</c>.</param>
public sealed record ModelSafetySetting(string Category, string Threshold);
