using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Decides what a ZIP container is and proves it is safe to hand to the Open XML SDK: the entry count, the declared
/// sizes and ratios from the central directory, and then the bytes that really come out of each entry.
/// </summary>
internal static partial class ZipContainer
{
    private const int ContentTypesReadLimit = 1024 * 1024;
    private const string WordFormat = "Word document (.docx)";

    /// <summary>Confirms the container is a Word document (cheap: reads only the directory and the content types).</summary>
    public static DocumentKind EnsureWordDocument(ReadOnlyMemory<byte> data, ExtractionLimits limits)
    {
        CheckDeclaredEntryCount(data.Span, limits);
        using var zip = Open(data);
        Classify(ReadEntries(zip));
        return DocumentKind.Docx;
    }

    /// <summary>Confirms the container stays within the size limits, first as declared and then as actually decompressed.</summary>
    public static void EnsureWithinLimits(ReadOnlyMemory<byte> data, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        CheckDeclaredEntryCount(data.Span, limits);
        using var zip = Open(data);
        var entries = ReadEntries(zip);
        CheckDeclaredSizes(entries, limits);
        CheckActualSizes(entries, limits, cancellationToken);
    }

    // ZipArchive materialises every central-directory record, so a container claiming millions of entries is
    // refused from the end-of-central-directory record before it is opened.
    private static void CheckDeclaredEntryCount(ReadOnlySpan<byte> data, ExtractionLimits limits)
    {
        if (DeclaredEntryCount(data) is { } declared && declared > limits.MaxZipEntries)
        {
            throw Rejections.ZipBomb($"it holds {declared.ToString(CultureInfo.InvariantCulture)} entries, more than the limit of {limits.MaxZipEntries.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static ZipArchive Open(ReadOnlyMemory<byte> data)
    {
        try
        {
            return new ZipArchive(MemoryStreams.ReadOnly(data), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw Rejections.Corrupt("ZIP container", "its directory of contents is damaged.", ex);
        }
    }

    private static IReadOnlyList<ZipArchiveEntry> ReadEntries(ZipArchive zip)
    {
        try
        {
            return zip.Entries;
        }
        catch (InvalidDataException ex)
        {
            throw Rejections.Corrupt("ZIP container", "its directory of contents is damaged.", ex);
        }
    }

    private static int? DeclaredEntryCount(ReadOnlySpan<byte> data)
    {
        // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535 bytes.
        var windowStart = Math.Max(0, data.Length - (22 + ushort.MaxValue));
        var at = data[windowStart..].LastIndexOf("PK\x05\x06"u8);
        if (at < 0 || windowStart + at + 22 > data.Length)
        {
            return null;
        }

        var record = data.Slice(windowStart + at, 22);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(record[10..12]);
        return count == ushort.MaxValue ? null : count;
    }

    private static string Mib(long bytes) => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB";
}
