namespace DocPipeline.Inference;

/// <summary>
/// A generative model the pipeline can ask for an answer. Implementations include the Gemini REST client, the
/// response cache that wraps it, and any offline analyzer the host chooses to route to.
/// </summary>
public interface IModelClient
{
    /// <summary>Generates an answer for <paramref name="request"/>.</summary>
    /// <param name="request">The prompt, model and generation settings.</param>
    /// <param name="cancellationToken">Cancels the call; cancellation surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The complete answer.</returns>
    /// <exception cref="ModelCallException">The model could not produce a complete answer; see <see cref="ModelCallException.Kind"/>.</exception>
    Task<ModelResponse> GenerateAsync(ModelRequest request, CancellationToken cancellationToken = default);
}
