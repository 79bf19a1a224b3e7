namespace DocPipeline.Documents.Sanitization;

/// <summary>Switches and limits for <see cref="TextSanitizer"/>. The defaults suit text extracted from business documents.</summary>
public sealed record TextSanitizerOptions
{
    /// <summary>Options with every default.</summary>
    public static TextSanitizerOptions Default { get; } = new();

    /// <summary>
    /// Normalise line endings, drop control and invisible formatting characters (keeping <c>\n</c> and <c>\t</c>),
    /// trim line ends and collapse runs of spaces. Default <see langword="true"/>.
    /// </summary>
    public bool Clean { get; init; } = true;

    /// <summary>
    /// Fold compatibility characters (full-width letters, ligatures, exotic spaces, the ellipsis) and compose
    /// accented Latin letters written as base letter plus combining mark. Default <see langword="true"/>.
    /// </summary>
    /// <remarks>
    /// The project runs with invariant globalization, where <see cref="string.Normalize()"/> leaves non-ASCII text
    /// unchanged, so a built-in subset of NFKC/NFC is applied instead. It only touches forms whose folding cannot
    /// change meaning (no superscripts, fractions or circled numbers) and gives the same bytes on every host, which
    /// keeps hashes of sanitized text stable.
    /// </remarks>
    public bool NormalizeUnicode { get; init; } = true;

    /// <summary>
    /// Join words split by a hyphen at a line end (<c>docu-\nment</c> → <c>document</c>) while keeping compounds such
    /// as <c>well-known</c>. Default <see langword="true"/>.
    /// </summary>
    public bool JoinHyphenatedWords { get; init; } = true;

    /// <summary>
    /// With page texts (or a text containing form feeds), drop lines that repeat at the top or bottom of most pages,
    /// comparing lines with digits masked so that <c>Page 3 of 9</c> counts as repeating. Default <see langword="true"/>.
    /// </summary>
    public bool RemoveRepeatedHeadersAndFooters { get; init; } = true;

    /// <summary>How many non-blank lines at the top and at the bottom of a page may be a header or footer. Default 3.</summary>
    public int HeaderFooterLinesPerPage { get; init; } = 3;

    /// <summary>
    /// A line is a header or footer when it recurs in the same zone on more than this share of the pages (and on at
    /// least two pages). Default 0.5.
    /// </summary>
    public double HeaderFooterMinPageShare { get; init; } = 0.5;

    /// <summary>Longest run of blank lines kept; longer runs are shortened to it. Default 2.</summary>
    public int MaxConsecutiveBlankLines { get; init; } = 2;

    /// <summary>Replace personal and secret data with placeholders. Default <see langword="true"/>.</summary>
    public bool Redact { get; init; } = true;

    /// <summary>Kinds of data to redact; <see langword="null"/> (the default) means every <see cref="PiiType"/>.</summary>
    public IReadOnlySet<PiiType>? RedactTypes { get; init; }

    internal void Validate()
    {
        if (HeaderFooterLinesPerPage is < 0 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(HeaderFooterLinesPerPage), HeaderFooterLinesPerPage, "Must be between 0 and 20.");
        }

        if (double.IsNaN(HeaderFooterMinPageShare) || HeaderFooterMinPageShare is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HeaderFooterMinPageShare), HeaderFooterMinPageShare, "Must be at least 0 and below 1.");
        }

        if (MaxConsecutiveBlankLines < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConsecutiveBlankLines), MaxConsecutiveBlankLines, "Must not be negative.");
        }
    }
}
