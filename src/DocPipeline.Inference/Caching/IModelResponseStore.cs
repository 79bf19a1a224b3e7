namespace DocPipeline.Inference.Caching;

/// <summary>Durable storage for model responses, addressed by <see cref="ModelResponseKey"/> keys.</summary>
public interface IModelResponseStore
{
    /// <summary>Reads the payload saved under <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The payload, or null when nothing is stored under the key.</returns>
    Task<string?> TryGetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="payload"/> under <paramref name="key"/>, replacing any previous payload atomically.</summary>
    /// <param name="key">The key.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="cancellationToken">Cancels the write; a cancelled write leaves the previous payload in place.</param>
    /// <returns>A task that completes once the payload is durable.</returns>
    Task SaveAsync(string key, string payload, CancellationToken cancellationToken = default);
}
