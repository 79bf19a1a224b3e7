namespace DocPipeline.Documents.Prompting;

/// <summary>The two texts of a model request built by <see cref="AnalysisPrompt"/>.</summary>
/// <param name="SystemInstruction">Goes in the request's system instruction.</param>
/// <param name="UserText">Goes in the single user turn.</param>
/// <param name="Version">The prompt version (<see cref="AnalysisPrompt.Version"/>), for cache keys and result metadata.</param>
public sealed record AnalysisPromptMessages(string SystemInstruction, string UserText, string Version);
