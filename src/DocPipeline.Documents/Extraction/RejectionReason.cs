namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Stable machine-readable code for why a document was rejected. Values are part of the public contract
/// (stored in results and returned by the API); add new members at the end, never renumber.
/// </summary>
public enum RejectionReason
{
    /// <summary>The content is zero bytes long, or contains no readable text at all.</summary>
    Empty = 1,

    /// <summary>The content is larger than <see cref="ExtractionLimits.MaxBytes"/>.</summary>
    TooLarge = 2,

    /// <summary>The content is a format the pipeline does not read (image, executable, legacy Office, other archive, binary data).</summary>
    UnsupportedType = 3,

    /// <summary>The content claims a supported format but cannot be parsed (truncated or damaged).</summary>
    Corrupt = 4,

    /// <summary>The document is password-protected.</summary>
    Encrypted = 5,

    /// <summary>A PDF without any text layer (scanned or image-only); it needs OCR first.</summary>
    NoTextLayer = 6,

    /// <summary>A PDF with more pages than <see cref="ExtractionLimits.MaxPages"/>.</summary>
    TooManyPages = 7,

    /// <summary>A ZIP container whose entries would decompress beyond the configured limits.</summary>
    ZipBomb = 8,

    /// <summary>The extracted text is longer than <see cref="ExtractionLimits.MaxCharacters"/>.</summary>
    TooMuchText = 9,

    /// <summary>Text that is not valid UTF-8 and carries no byte order mark for UTF-16 or UTF-32.</summary>
    UnsupportedEncoding = 10,

    /// <summary>Reading or parsing took longer than <see cref="ExtractionLimits.Timeout"/>.</summary>
    TimedOut = 11,

    /// <summary>
    /// Markup nested deeper than <see cref="ExtractionLimits.MaxNestingDepth"/> or with more elements than
    /// <see cref="ExtractionLimits.MaxMarkupElements"/>; parsers slow down or exhaust memory on such input.
    /// </summary>
    TooComplex = 12,
}
