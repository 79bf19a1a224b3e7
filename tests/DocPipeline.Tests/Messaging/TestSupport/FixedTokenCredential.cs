using Azure.Core;

namespace DocPipeline.Tests.Messaging.TestSupport;

/// <summary>Stands in for Microsoft Entra: hands out a fixed token and records the scopes asked for.</summary>
public sealed class FixedTokenCredential(string token, DateTimeOffset expiresOn) : TokenCredential
{
    private int _calls;

    public int Calls => _calls;

    public string[] LastScopes { get; private set; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LastScopes = requestContext.Scopes;
        return new AccessToken(token, expiresOn);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
