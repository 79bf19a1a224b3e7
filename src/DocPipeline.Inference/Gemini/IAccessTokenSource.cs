namespace DocPipeline.Inference.Gemini;

/// <summary>Supplies OAuth2 bearer tokens for Vertex AI.</summary>
public interface IAccessTokenSource
{
    /// <summary>Returns a currently valid access token, refreshing it when needed.</summary>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The bearer token, without the <c>Bearer</c> prefix.</returns>
    ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
