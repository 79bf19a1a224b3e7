using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace DocPipeline.Documents.Extraction;

// Size, ratio and shape checks that run before the Open XML SDK sees the container.
internal static partial class ZipContainer
{
    private static void CheckDeclaredSizes(IReadOnlyList<ZipArchiveEntry> entries, ExtractionLimits limits)
    {
        if (entries.Count > limits.MaxZipEntries)
        {
            throw Rejections.ZipBomb($"it holds {entries.Count.ToString(CultureInfo.InvariantCulture)} entries, more than the limit of {limits.MaxZipEntries.ToString(CultureInfo.InvariantCulture)}.");
        }

        long total = 0;
        foreach (var entry in entries)
        {
            total += entry.Length;
            if (total > limits.MaxUncompressedBytes)
            {
                throw Rejections.ZipBomb($"its parts declare more than {Mib(limits.MaxUncompressedBytes)} once decompressed.");
            }

            CheckRatio(entry.FullName, entry.Length, entry.CompressedLength, limits);
        }
    }

    // Central-directory sizes are only claims; count what decompression really yields and stop at the first excess.
    // XML parts are read through a streaming reader on the way, because the SDK builds its element tree
    // recursively: hostile nesting would overflow the stack and millions of elements would exhaust memory.
    private static void CheckActualSizes(IReadOnlyList<ZipArchiveEntry> entries, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        long total = 0;
        long elements = 0;
        foreach (var entry in entries)
        {
            long produced = 0;
            try
            {
                using var raw = entry.Open();
                using var metered = new MeteredStream(raw, read =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    produced += read;
                    total += read;
                    if (produced > entry.Length)
                    {
                        throw Rejections.ZipBomb($"the part '{entry.FullName}' decompresses to more than the {entry.Length.ToString(CultureInfo.InvariantCulture)} bytes it declares.");
                    }

                    if (total > limits.MaxUncompressedBytes)
                    {
                        throw Rejections.ZipBomb($"its parts decompress to more than {Mib(limits.MaxUncompressedBytes)}.");
                    }
                });

                if (IsXml(entry.FullName))
                {
                    elements = ScanXml(metered, elements, limits);
                }

                metered.CopyTo(Stream.Null);
            }
            catch (InvalidDataException ex)
            {
                throw Rejections.Corrupt(WordFormat, $"the part '{entry.FullName}' is damaged.", ex);
            }

            CheckRatio(entry.FullName, produced, entry.CompressedLength, limits);
        }
    }

    private static long ScanXml(Stream part, long elements, ExtractionLimits limits)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };

        try
        {
            using var reader = XmlReader.Create(part, settings);
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (++elements > limits.MaxMarkupElements)
                {
                    throw Rejections.TooManyElements(WordFormat, limits.MaxMarkupElements);
                }

                if (reader.Depth >= limits.MaxNestingDepth)
                {
                    throw Rejections.TooDeep(WordFormat, limits.MaxNestingDepth);
                }
            }
        }
        catch (XmlException)
        {
            // Malformed XML is not a size or shape problem; a part the SDK actually reads fails there as Corrupt.
        }

        return elements;
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static void CheckRatio(string name, long uncompressed, long compressed, ExtractionLimits limits)
    {
        if (uncompressed <= limits.CompressionRatioThresholdBytes)
        {
            return;
        }

        var ratio = uncompressed / (double)Math.Max(compressed, 1);
        if (ratio > limits.MaxCompressionRatio)
        {
            throw Rejections.ZipBomb(
                $"the part '{name}' expands {ratio.ToString("0", CultureInfo.InvariantCulture)}:1 when decompressed (limit {limits.MaxCompressionRatio.ToString("0.#", CultureInfo.InvariantCulture)}:1).");
        }
    }
}
