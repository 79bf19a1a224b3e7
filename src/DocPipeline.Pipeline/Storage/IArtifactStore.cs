namespace DocPipeline.Pipeline.Storage;

/// <summary>
/// Where documents and large intermediate artifacts (extracted text, chunks) live; orchestrations pass their keys,
/// never their contents.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Writes an artifact atomically (readers see the old or the new content, never a part).</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Reads an artifact; throws <see cref="FileNotFoundException"/> when missing.</summary>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Whether an artifact exists.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);
}
