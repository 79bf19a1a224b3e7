using System.Text;
using System.Text.Json;


namespace DocPipeline.Pipeline.Storage;

/// <summary>Text and JSON over an <see cref="IArtifactStore"/>.</summary>
public static class ArtifactStoreExtensions
{
    /// <summary>Writes UTF-8 text.</summary>
    public static Task PutTextAsync(this IArtifactStore store, string key, string text, CancellationToken cancellationToken = default) =>
        store.PutAsync(key, Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Reads UTF-8 text.</summary>
    public static async Task<string> GetTextAsync(this IArtifactStore store, string key, CancellationToken cancellationToken = default) =>
        Encoding.UTF8.GetString(await store.GetAsync(key, cancellationToken).ConfigureAwait(false));

    /// <summary>Writes JSON.</summary>
    public static Task PutJsonAsync<T>(this IArtifactStore store, string key, T value, CancellationToken cancellationToken = default) =>
        store.PutAsync(key, JsonSerializer.SerializeToUtf8Bytes(value, PipelineJson.Options), cancellationToken);

    /// <summary>Reads JSON.</summary>
    public static async Task<T> GetJsonAsync<T>(this IArtifactStore store, string key, CancellationToken cancellationToken = default) =>
        JsonSerializer.Deserialize<T>(await store.GetAsync(key, cancellationToken).ConfigureAwait(false), PipelineJson.Options)
        ?? throw new InvalidDataException($"Artifact '{key}' holds no value.");
}
