using Google.Apis.Auth.OAuth2;

namespace DocPipeline.Inference.Gemini;

/// <summary>
/// Access tokens from Google.Apis.Auth with the cloud-platform scope: a service-account key from
/// <see cref="GeminiOptions.CredentialsFile"/> or <see cref="GeminiOptions.CredentialsJson"/> when one is set,
/// otherwise application default credentials.
/// </summary>
/// <remarks>
/// The credential is loaded on first use; a failed load is not remembered, so fixing the file or the environment
/// takes effect on the next call. The library caches and refreshes the token itself.
/// </remarks>
public sealed class GoogleAccessTokenSource : IAccessTokenSource, IDisposable
{
    /// <summary>The OAuth2 scope Vertex AI requires.</summary>
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";

    private readonly string? _credentialsFile;
    private readonly string? _credentialsJson;
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private ITokenAccess? _credential;

    /// <summary>Creates the source.</summary>
    /// <param name="credentialsFile">Service-account JSON key file, or null for application default credentials.</param>
    public GoogleAccessTokenSource(string? credentialsFile)
        : this(credentialsFile, credentialsJson: null)
    {
    }

    /// <summary>Creates the source from a key file or the key's JSON text.</summary>
    /// <param name="credentialsFile">Service-account JSON key file, or null.</param>
    /// <param name="credentialsJson">Service-account JSON key text, or null; used when no file is given.</param>
    public GoogleAccessTokenSource(string? credentialsFile, string? credentialsJson)
    {
        _credentialsFile = string.IsNullOrWhiteSpace(credentialsFile) ? null : credentialsFile;
        _credentialsJson = string.IsNullOrWhiteSpace(credentialsJson) ? null : credentialsJson;
    }

    /// <inheritdoc />
    public async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var credential = _credential ?? await LoadAsync(cancellationToken);
        return await credential.GetAccessTokenForRequestAsync(authUri: null, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _loadGate.Dispose();

    private async Task<ITokenAccess> LoadAsync(CancellationToken cancellationToken)
    {
        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            if (_credential is not null)
            {
                return _credential;
            }

            GoogleCredential google;
            if (_credentialsFile is not null)
            {
                // Loading by the expected type refuses other credential kinds (external accounts and the like)
                // that a swapped file could otherwise smuggle in.
                var serviceAccount = await CredentialFactory.FromFileAsync<ServiceAccountCredential>(_credentialsFile, cancellationToken);
                google = serviceAccount.ToGoogleCredential();
            }
            else if (_credentialsJson is not null)
            {
                google = CredentialFactory.FromJson<ServiceAccountCredential>(_credentialsJson).ToGoogleCredential();
            }
            else
            {
                google = await GoogleCredential.GetApplicationDefaultAsync(cancellationToken);
            }

            _credential = google.CreateScoped(CloudPlatformScope);
            return _credential;
        }
        finally
        {
            _loadGate.Release();
        }
    }
}
