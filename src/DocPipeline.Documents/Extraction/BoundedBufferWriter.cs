using System.Buffers;

namespace DocPipeline.Documents.Extraction;

/// <summary>A growable byte buffer that refuses to grow past a limit, for writers that would otherwise buffer without bound.</summary>
internal sealed class BoundedBufferWriter(long maxBytes, Func<Exception> onOverflow) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _inner = new();

    public ReadOnlySpan<byte> WrittenSpan => _inner.WrittenSpan;

    public void Advance(int count)
    {
        if (_inner.WrittenCount + (long)count > maxBytes)
        {
            throw onOverflow();
        }

        _inner.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _inner.GetSpan(sizeHint);
}
