namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Bounds that keep extraction safe on hostile or accidental input. Bind from configuration (for example the
/// <c>Extraction</c> section) and call <see cref="Validate"/> at start-up.
/// </summary>
public sealed record ExtractionLimits
{
    /// <summary>Largest accepted input in bytes. Default 50 MiB.</summary>
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Largest accepted PDF page count. Default 2,000.</summary>
    public int MaxPages { get; init; } = 2_000;

    /// <summary>Largest total uncompressed size of all entries of a ZIP container (DOCX). Default 200 MiB.</summary>
    public long MaxUncompressedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>
    /// Largest uncompressed-to-compressed ratio of one ZIP entry. Default 100. Only entries that inflate to more
    /// than <see cref="CompressionRatioThresholdBytes"/> are checked, because small XML parts legitimately compress very well.
    /// </summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Entries at or below this uncompressed size are exempt from the ratio check. Default 1 MiB.</summary>
    public long CompressionRatioThresholdBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest number of entries in a ZIP container. Default 10,000.</summary>
    public int MaxZipEntries { get; init; } = 10_000;

    /// <summary>Largest length of the extracted text in UTF-16 code units. Default 20,000,000.</summary>
    public int MaxCharacters { get; init; } = 20_000_000;

    /// <summary>
    /// Deepest element nesting accepted in HTML, in the XML parts of a Word document, and in JSON. Default 512;
    /// real documents stay far below it, while hostile nesting makes parsers slow or recursive ones overflow.
    /// </summary>
    public int MaxNestingDepth { get; init; } = 512;

    /// <summary>Most elements accepted in an HTML page or across the XML parts of a Word document. Default 1,000,000.</summary>
    public int MaxMarkupElements { get; init; } = 1_000_000;

    /// <summary>
    /// Longest time one extraction may take, reading included. Default 2 minutes;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a limit is not positive.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxPages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxUncompressedBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxCompressionRatio);
        ArgumentOutOfRangeException.ThrowIfNegative(CompressionRatioThresholdBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxZipEntries);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxCharacters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNestingDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMarkupElements);
        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero);
        }
    }
}
