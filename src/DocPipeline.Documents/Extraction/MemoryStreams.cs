using System.Runtime.InteropServices;

namespace DocPipeline.Documents.Extraction;

/// <summary>Read-only streams over caller memory, without copying when the memory is backed by an array.</summary>
internal static class MemoryStreams
{
    public static MemoryStream ReadOnly(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);
}
