namespace DocPipeline.Documents.Extraction;

/// <summary>
/// The single exception type thrown when a document cannot be turned into text. The message is written for the
/// person who uploaded the file: it says what is wrong and what to do. Rejections are permanent for the given bytes,
/// so retrying the same content gives the same answer.
/// </summary>
public sealed class DocumentRejectedException : Exception
{
    /// <summary>Creates a rejection.</summary>
    /// <param name="reason">The stable reason code.</param>
    /// <param name="message">A human-readable explanation that says what to do.</param>
    /// <param name="detectedFormat">What the content was recognised as, when known (for example "PNG image").</param>
    /// <param name="innerException">The parser failure behind the rejection, if any.</param>
    public DocumentRejectedException(
        RejectionReason reason,
        string message,
        string? detectedFormat = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        DetectedFormat = detectedFormat;
    }

    /// <summary>The stable reason code.</summary>
    public RejectionReason Reason { get; }

    /// <summary>What the content was recognised as (for example "PNG image" or "legacy Word document (.doc)"), when known.</summary>
    public string? DetectedFormat { get; }
}
