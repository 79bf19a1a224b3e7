namespace DocPipeline.Inference.Gemini;

/// <summary>Which Gemini service to call.</summary>
public enum GeminiBackend
{
    /// <summary>Pick from the settings: an API key alone means the Developer API, a project id alone means Vertex AI.</summary>
    Auto,

    /// <summary>Vertex AI with OAuth2 bearer tokens.</summary>
    Vertex,

    /// <summary>The Gemini Developer API with an API key.</summary>
    DeveloperApi,
}
