using System.Text.RegularExpressions;

namespace DocPipeline.Inference.Gemini;

/// <summary>The REST URLs of both back ends.</summary>
public static partial class GeminiEndpoints
{
    /// <summary>The generate method.</summary>
    public const string GenerateContent = "generateContent";

    /// <summary>The token-count method.</summary>
    public const string CountTokens = "countTokens";

    private const string DeveloperApiHost = "https://generativelanguage.googleapis.com";
    private const string VertexGlobalHost = "https://aiplatform.googleapis.com";

    /// <summary>Whether <paramref name="model"/> is usable as a model id: letters, digits, '.', '-', '_' and '@', at most 128 characters.</summary>
    /// <param name="model">The model id.</param>
    /// <returns>True when valid.</returns>
    public static bool IsValidModelId(string? model) => model is not null && ModelIdPattern().IsMatch(model);

    /// <summary>
    /// The URL for <paramref name="method"/> on <paramref name="model"/>: Vertex AI's regional host
    /// (<c>{location}-aiplatform.googleapis.com</c>) or global host (<c>aiplatform.googleapis.com</c>), or the
    /// Developer API host; <see cref="GeminiOptions.BaseUrl"/> replaces the host when set.
    /// </summary>
    /// <param name="options">Settings; the backend is <see cref="GeminiOptions.EffectiveBackend"/>.</param>
    /// <param name="model">A valid model id.</param>
    /// <param name="method"><see cref="GenerateContent"/> or <see cref="CountTokens"/>.</param>
    /// <returns>The absolute URL.</returns>
    public static Uri Build(GeminiOptions options, string model, string method)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(method);
        if (!IsValidModelId(model))
        {
            throw new ArgumentException($"'{model}' is not a valid model id.", nameof(model));
        }

        string host;
        string path;
        if (options.EffectiveBackend == GeminiBackend.DeveloperApi)
        {
            host = DeveloperApiHost;
            path = $"v1beta/models/{model}:{method}";
        }
        else
        {
            var location = options.Location;
            host = string.Equals(location, "global", StringComparison.Ordinal)
                ? VertexGlobalHost
                : $"https://{location}-aiplatform.googleapis.com";
            path = $"v1/projects/{Uri.EscapeDataString(options.ProjectId ?? string.Empty)}/locations/{location}/publishers/google/models/{model}:{method}";
        }

        var root = options.BaseUrl?.AbsoluteUri ?? host;
        return new Uri(root.TrimEnd('/') + "/" + path, UriKind.Absolute);
    }

    // Model ids become path segments, so nothing that could leave the segment is allowed.
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$")]
    private static partial Regex ModelIdPattern();
}
