using Microsoft.Win32.SafeHandles;

namespace DocPipeline.Pipeline.Storage;

/// <summary>Artifacts as files under one folder (the embedded mode).</summary>
/// <param name="root">The folder.</param>
/// <param name="flushToDisk">
/// fsync each file before it becomes visible. Match the embedded store's durability: with SQLite at
/// <c>synchronous=NORMAL</c> a power loss may roll back the commits that refer to recent artifacts anyway.
/// </param>
public sealed class FileArtifactStore(string root, bool flushToDisk = true) : IArtifactStore
{
    /// <summary>The folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    // Below this size a file is read or written in one blocking call: on Linux, asynchronous file I/O runs on a
    // thread-pool thread anyway, and the hop there and back costs more than writing a small file.
    private const int InlineBytes = 1024 * 1024;

    /// <inheritdoc />
    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(key);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        var options = content.Length < InlineBytes ? FileOptions.None : FileOptions.Asynchronous;
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, options);
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            handle = File.OpenHandle(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, options);
        }

        using (handle)
        {
            if (content.Length < InlineBytes)
            {
                RandomAccess.Write(handle, content.Span, 0);
            }
            else
            {
                await RandomAccess.WriteAsync(handle, content, 0, cancellationToken).ConfigureAwait(false);
            }

            if (flushToDisk)
            {
                RandomAccess.FlushToDisk(handle);
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <inheritdoc />
    public async Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"Artifact '{key}' was not found.", key, ex);
        }

        using (handle)
        {
            var length = RandomAccess.GetLength(handle);
            if (length > Array.MaxLength)
            {
                throw new InvalidDataException($"Artifact '{key}' is too large to read ({length} bytes).");
            }

            var content = new byte[length];
            var read = 0;
            while (read < content.Length)
            {
                var n = content.Length < InlineBytes
                    ? RandomAccess.Read(handle, content.AsSpan(read), read)
                    : await RandomAccess.ReadAsync(handle, content.AsMemory(read), read, cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new InvalidDataException($"Artifact '{key}' was shorter than expected.");
                }

                read += n;
            }

            return content;
        }
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(PathOf(key)));

    private string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        foreach (var segment in key.Split('/'))
        {
            if (segment is "" or "." or ".." || segment.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            {
                throw new ArgumentException($"'{key}' is not a valid artifact key.", nameof(key));
            }
        }

        return Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));
    }
}
