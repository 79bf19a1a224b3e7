using System.Buffers;

namespace DocPipeline.Host.Apis;

/// <summary>
/// An uploaded document read into a pooled buffer, asynchronously and never past the size limit; return it with
/// <see cref="Dispose"/> once the document is stored.
/// </summary>
internal sealed class UploadBuffer : IDisposable
{
    private const int FirstChunk = 64 * 1024;
    private byte[] _array;
    private int _length;

    private UploadBuffer(int capacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(capacity);
    }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, _length);

    public int Length => _length;

    /// <summary>Reads <paramref name="body"/> to its end.</summary>
    /// <param name="body">The stream.</param>
    /// <param name="declaredLength">The length the sender announced, if any; sizes the first buffer.</param>
    /// <param name="limit">The most bytes accepted.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="UploadProblem">413 past the limit; 400 when the request body is cut short.</exception>
    public static async Task<UploadBuffer> ReadAsync(Stream body, long? declaredLength, long limit, CancellationToken cancellationToken)
    {
        limit = Math.Min(limit, Array.MaxLength - 1);
        var capacity = declaredLength is > 0 && declaredLength <= limit ? (int)declaredLength.Value + 1 : (int)Math.Min(limit + 1, FirstChunk);
        var buffer = new UploadBuffer(Math.Max(capacity, 1024));
        try
        {
            while (true)
            {
                if (buffer._length == buffer._array.Length)
                {
                    buffer.Grow(limit);
                }

                int read;
                try
                {
                    read = await body.ReadAsync(buffer._array.AsMemory(buffer._length), cancellationToken);
                }
                catch (BadHttpRequestException ex)
                {
                    throw ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? UploadProblem.TooLarge(limit)
                        : UploadProblem.BadRequest("The request body could not be read: " + ex.Message);
                }

                if (read == 0)
                {
                    return buffer;
                }

                buffer._length += read;
                if (buffer._length > limit)
                {
                    throw UploadProblem.TooLarge(limit);
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, []);
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Grow(long limit)
    {
        // One byte past the limit is enough to tell that a body is too large.
        var size = (int)Math.Min(Math.Max((long)_array.Length * 2, FirstChunk), limit + 1);
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _array.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }
}
