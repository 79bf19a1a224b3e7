using System.Text.Json;
using DocPipeline.Pipeline.Contracts;

namespace DocPipeline.Pipeline.Storage;

/// <summary>Results as <c>{folder}/{instanceId}.json</c> files.</summary>
public sealed class FileResultStore(string folder) : IResultStore
{
    private static readonly JsonSerializerOptions Options = PipelineJson.Indented;

    /// <summary>The folder.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <inheritdoc />
    public Task<string> SaveAsync(DocumentResult result, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(Folder);
        var path = PathOf(result.InstanceId);

        // A unique temporary name: two runs of the same document may finish together. Results are small, and a
        // blocking write costs less than the thread-pool hop an asynchronous one takes on Linux.
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(result, Options));
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // A failed write leaves no partial file behind; the activity's retry or a rewind writes it again.
            File.Delete(temp);
            throw;
        }

        return Task.FromResult(path);
    }

    /// <inheritdoc />
    public async Task<string?> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var path = PathOf(instanceId);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    private string PathOf(string instanceId)
    {
        var name = string.Concat(instanceId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(Folder, name + ".json");
    }
}
