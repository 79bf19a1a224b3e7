using System.Text;
using System.Text.RegularExpressions;

namespace DocPipeline.Inference.Caching;

/// <summary>
/// Stores each response as <c>{directory}/{key}.json</c>. Writes go to a temporary file in the same directory that
/// is flushed to disk and then renamed over the target, so a reader sees the old payload or the new one, never half.
/// </summary>
public sealed partial class FileModelResponseStore : IModelResponseStore
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Creates the store; the directory is created on first save.</summary>
    /// <param name="directory">Where payloads are kept.</param>
    public FileModelResponseStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    /// <summary>The full path of the store's directory.</summary>
    public string Directory { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key is not 1–200 characters of letters, digits, '.', '-' and '_' starting with a letter or digit.</exception>
    public async Task<string?> TryGetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathFor(key);
        try
        {
            return await File.ReadAllTextAsync(path, Utf8NoBom, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key is not 1–200 characters of letters, digits, '.', '-' and '_' starting with a letter or digit.</exception>
    public async Task SaveAsync(string key, string payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var path = PathFor(key);
        System.IO.Directory.CreateDirectory(Directory);

        // A leading dot keeps temporary files out of the key space, which cannot start with one.
        var temporary = Path.Combine(Directory, $".{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(Utf8NoBom.GetBytes(payload), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private string PathFor(string key)
    {
        if (key is null || !KeyPattern().IsMatch(key))
        {
            throw new ArgumentException(
                $"Response key '{key}' is not valid: use 1-200 letters, digits, '.', '-' or '_', starting with a letter or digit.",
                nameof(key));
        }

        return Path.Combine(Directory, key + ".json");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless: readers only open final names.
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")]
    private static partial Regex KeyPattern();
}
