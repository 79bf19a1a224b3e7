namespace DocPipeline.Inference.Gemini;

/// <summary>Settings for <see cref="GeminiClient"/>, bound from <see cref="SectionName"/>.</summary>
public sealed class GeminiOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Pipeline:Gemini";

    /// <summary>Which service to call. Default <see cref="GeminiBackend.Auto"/>.</summary>
    public GeminiBackend Backend { get; set; } = GeminiBackend.Auto;

    /// <summary>Google Cloud project id (Vertex AI).</summary>
    public string? ProjectId { get; set; }

    /// <summary>Vertex AI location; <c>global</c> (the default) uses the global endpoint, which sees fewer 429s.</summary>
    public string Location { get; set; } = "global";

    /// <summary>API key (Developer API), sent in the <c>x-goog-api-key</c> header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Path of a service-account JSON key file (Vertex AI). When empty, application default credentials are used.
    /// </summary>
    public string? CredentialsFile { get; set; }

    /// <summary>
    /// The service-account JSON key itself (Vertex AI), for hosts that receive secrets as settings rather than files,
    /// such as a Key Vault reference in an Azure Functions app setting. Set this or <see cref="CredentialsFile"/>, not both.
    /// </summary>
    public string? CredentialsJson { get; set; }

    /// <summary>Replaces the service's scheme, host and port, for example to reach a local fake or a proxy.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Time allowed for one HTTP call, token fetch included. Default 120 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>The backend after resolving <see cref="GeminiBackend.Auto"/>.</summary>
    public GeminiBackend EffectiveBackend => Backend switch
    {
        GeminiBackend.Auto when !string.IsNullOrWhiteSpace(ApiKey) && string.IsNullOrWhiteSpace(ProjectId) => GeminiBackend.DeveloperApi,
        GeminiBackend.Auto => GeminiBackend.Vertex,
        _ => Backend,
    };

    /// <summary>
    /// True when enough is set to call a model: an API key for the Developer API, or a project id for Vertex AI
    /// (whose credentials come from <see cref="CredentialsFile"/>, <see cref="CredentialsJson"/> or the environment). When false the host should
    /// use an offline analyzer.
    /// </summary>
    public bool IsConfigured => EffectiveBackend switch
    {
        GeminiBackend.DeveloperApi => !string.IsNullOrWhiteSpace(ApiKey),
        _ => !string.IsNullOrWhiteSpace(ProjectId),
    };

    /// <summary>Checks the settings.</summary>
    /// <returns>One message per bad setting, each naming it; empty when valid.</returns>
    public IReadOnlyList<string> Validate() => GeminiOptionsValidator.Check(this);
}
