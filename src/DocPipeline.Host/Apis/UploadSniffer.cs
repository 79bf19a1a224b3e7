using DocPipeline.Documents.Extraction;

namespace DocPipeline.Host.Apis;

/// <summary>
/// A quick look at an upload's bytes so obvious non-documents (images, programs, archives) are refused with 415 at
/// once. The pipeline still checks every document fully; this only spares it the hopeless ones.
/// </summary>
internal static class UploadSniffer
{
    // Large uploads that are not Word documents are classified from their head: the sniff stays cheap.
    private const int FullCheckLimit = 1024 * 1024;
    private const int HeadLength = 64 * 1024;

    /// <summary>The detected kind (lower-case), or "unknown" when only the head was examined and it was inconclusive.</summary>
    /// <exception cref="UploadProblem">415 for an unsupported format or encoding; 422 for a document that cannot be read.</exception>
    public static string Check(DocumentExtractor extractor, ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        var whole = content.Length <= FullCheckLimit || span.StartsWith("PK"u8);
        try
        {
            return extractor.DetectKind(whole ? content : Head(content)).ToString().ToLowerInvariant();
        }
        catch (DocumentRejectedException ex) when (ex.Reason is RejectionReason.UnsupportedType or RejectionReason.UnsupportedEncoding)
        {
            throw new UploadProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported document type", ex.Message, Facts(ex));
        }
        catch (DocumentRejectedException ex) when (whole)
        {
            throw new UploadProblem(StatusCodes.Status422UnprocessableEntity, "Document cannot be processed", ex.Message, Facts(ex));
        }
        catch (DocumentRejectedException)
        {
            // A cut-off head can look damaged; the pipeline decides on the whole document.
            return "unknown";
        }
    }

    private static Dictionary<string, object?> Facts(DocumentRejectedException ex) => new()
    {
        ["reason"] = ex.Reason.ToString(),
        ["detectedFormat"] = ex.DetectedFormat,
    };

    private static ReadOnlyMemory<byte> Head(ReadOnlyMemory<byte> content)
    {
        var head = content[..HeadLength];
        var span = head.Span;
        var utf16 = span.StartsWith([(byte)0xFF, (byte)0xFE]) || span.StartsWith([(byte)0xFE, (byte)0xFF]);
        if (utf16)
        {
            return head;
        }

        // Do not cut a UTF-8 character in two: that would read as an encoding error.
        var end = head.Length;
        while (end > 0 && (span[end - 1] & 0xC0) == 0x80)
        {
            end--;
        }

        if (end > 0 && span[end - 1] >= 0xC0)
        {
            end--;
        }

        return head[..end];
    }
}
