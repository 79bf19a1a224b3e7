namespace DocPipeline.Inference.Gemini;

/// <summary>Always returns the same token: for tests, proxies and tokens minted elsewhere.</summary>
public sealed class StaticAccessTokenSource : IAccessTokenSource
{
    private readonly string _token;

    /// <summary>Creates the source.</summary>
    /// <param name="token">The bearer token to return.</param>
    public StaticAccessTokenSource(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token;
    }

    /// <inheritdoc />
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_token);
}
