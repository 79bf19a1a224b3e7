using System.Globalization;

namespace DocPipeline.Documents.Extraction;

/// <summary>The wording of every rejection in one place, so messages stay consistent and actionable.</summary>
internal static class Rejections
{
    public static DocumentRejectedException Empty() =>
        new(RejectionReason.Empty, "The file is empty (0 bytes). Check that the upload completed and send the file again.");

    public static DocumentRejectedException NoText(string format) =>
        new(RejectionReason.Empty, $"The {format} contains no readable text. Check that it is the right file; if its content is only images, run OCR on it first.", format);

    public static DocumentRejectedException TooLarge(long limit, long? actual) =>
        new(RejectionReason.TooLarge, actual is { } size
            ? $"The file is {Size(size)}, larger than the {Size(limit)} limit. Split it into smaller documents and upload them separately."
            : $"The file is larger than the {Size(limit)} limit. Split it into smaller documents and upload them separately.");

    public static DocumentRejectedException Unsupported(string format, string advice) =>
        new(RejectionReason.UnsupportedType, $"The file is {Article(format)} {format}, which is not a supported document type. {advice}", format);

    public static DocumentRejectedException Binary() =>
        new(RejectionReason.UnsupportedType,
            "The file is binary data, not a supported document. Supported types are PDF, DOCX, HTML, Markdown, CSV, JSON and plain text.",
            "binary data");

    public static DocumentRejectedException Corrupt(string format, string detail, Exception? inner = null) =>
        new(RejectionReason.Corrupt, $"The {format} could not be read: {detail} It may be truncated or damaged; export or download it again and upload the new copy.", format, inner);

    public static DocumentRejectedException Encrypted(string format) =>
        new(RejectionReason.Encrypted, $"The {format} is encrypted; remove the password and upload it again.", format);

    public static DocumentRejectedException NoTextLayer(int pages) =>
        new(RejectionReason.NoTextLayer,
            $"The PDF has {pages} page{(pages == 1 ? "" : "s")} but no text layer; it looks scanned or image-only. Run OCR on it (for example \"Recognize text\" in a PDF editor, or ocrmypdf) and upload the searchable PDF.",
            "PDF");

    public static DocumentRejectedException TooManyPages(int pages, int limit) =>
        new(RejectionReason.TooManyPages,
            $"The PDF has {pages.ToString("N0", CultureInfo.InvariantCulture)} pages, more than the {limit.ToString("N0", CultureInfo.InvariantCulture)}-page limit. Split it into smaller documents and upload them separately.",
            "PDF");

    public static DocumentRejectedException ZipBomb(string detail) =>
        new(RejectionReason.ZipBomb, $"The Word document was refused because {detail} Documents that inflate this much are treated as hostile; re-save it without embedded bulk data and upload it again.", "Word document (.docx)");

    public static DocumentRejectedException TooMuchText(int limit) =>
        new(RejectionReason.TooMuchText,
            $"The document holds more than {limit.ToString("N0", CultureInfo.InvariantCulture)} characters of text, over the limit. Split it into smaller documents and upload them separately.");

    public static DocumentRejectedException InvalidEncoding(string detail) =>
        new(RejectionReason.UnsupportedEncoding,
            $"The text could not be decoded: {detail} Save it as UTF-8 (or UTF-16 with a byte order mark) and upload it again.",
            "text");

    public static DocumentRejectedException TooDeep(string format, int limit) =>
        new(RejectionReason.TooComplex,
            $"The {format} nests elements more than {limit.ToString("N0", CultureInfo.InvariantCulture)} levels deep, far beyond what editors produce. Re-save or export it again and upload the new copy.",
            format);

    public static DocumentRejectedException TooManyElements(string format, int limit) =>
        new(RejectionReason.TooComplex,
            $"The {format} has more than {limit.ToString("N0", CultureInfo.InvariantCulture)} markup elements, over the limit. Split it into smaller documents and upload them separately.",
            format);

    public static DocumentRejectedException TimedOut(TimeSpan limit) =>
        new(RejectionReason.TimedOut,
            $"Reading the document took longer than {limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} seconds and was stopped. The file may be malformed; re-export it and upload it again.");

    private static string Article(string noun) => noun.Length > 0 && "aeiouAEIOU".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";

    private static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
