using Azure.Core;

namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// Authorizes Service Bus calls with a Microsoft Entra token (managed identity, workload identity, developer login…)
/// from an <see cref="TokenCredential"/> such as <c>DefaultAzureCredential</c> or <c>ManagedIdentityCredential</c>.
/// </summary>
public sealed class TokenCredentialAuthorization : IServiceBusAuthorization
{
    /// <summary>The scope Service Bus tokens are requested for.</summary>
    public const string Scope = "https://servicebus.azure.net/.default";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private AccessToken? _current;

    /// <summary>Creates an authorization over a credential.</summary>
    /// <param name="credential">The Entra credential.</param>
    /// <param name="timeProvider">The clock used to decide when to refresh; defaults to the system clock.</param>
    public TokenCredentialAuthorization(TokenCredential credential, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public async ValueTask<string> GetAuthorizationHeaderAsync(Uri resourceUri, CancellationToken cancellationToken = default)
    {
        if (TryGetFresh(out var header))
        {
            return header;
        }

        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            if (TryGetFresh(out header))
            {
                return header;
            }

            var token = await _credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            _current = token;
            return "Bearer " + token.Token;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private bool TryGetFresh(out string header)
    {
        var current = _current;
        var now = _timeProvider.GetUtcNow();
        var refreshOn = current?.RefreshOn ?? current?.ExpiresOn - RefreshMargin;
        if (current is { } token && now < refreshOn && now < token.ExpiresOn - TimeSpan.FromSeconds(30))
        {
            header = "Bearer " + token.Token;
            return true;
        }

        header = string.Empty;
        return false;
    }
}
