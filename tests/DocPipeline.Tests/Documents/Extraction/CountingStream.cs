namespace DocPipeline.Tests.Documents.Extraction;

/// <summary>An unseekable stream of text bytes of a given length that records how much was read from it.</summary>
internal sealed class CountingStream(long totalBytes) : Stream
{
    public long Served { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var length = (int)Math.Min(count, totalBytes - Served);
        buffer.AsSpan(offset, length).Fill((byte)'a');
        Served += length;
        return length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
