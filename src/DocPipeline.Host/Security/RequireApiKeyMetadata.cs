namespace DocPipeline.Host.Security;

/// <summary>Endpoint metadata: requests to the endpoint must carry a valid API key when keys are configured.</summary>
public sealed class RequireApiKeyMetadata
{
    /// <summary>The one instance endpoints share.</summary>
    public static RequireApiKeyMetadata Instance { get; } = new();
}
