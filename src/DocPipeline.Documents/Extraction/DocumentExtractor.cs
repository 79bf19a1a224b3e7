using System.Security.Cryptography;

namespace DocPipeline.Documents.Extraction;

/// <summary>
/// The ExtractText stage: detects a document's format from its bytes and returns its text. Every failure is a
/// <see cref="DocumentRejectedException"/> with a stable <see cref="RejectionReason"/>; parser exceptions never
/// escape unwrapped. Thread-safe; one instance can serve the whole process.
/// </summary>
public sealed class DocumentExtractor
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an extractor.</summary>
    /// <param name="limits">Safety limits; <see langword="null"/> uses the defaults.</param>
    /// <param name="timeProvider">Clock for <see cref="ExtractionLimits.Timeout"/>; <see langword="null"/> uses the system clock.</param>
    /// <exception cref="ArgumentOutOfRangeException">A limit is not positive.</exception>
    public DocumentExtractor(ExtractionLimits? limits = null, TimeProvider? timeProvider = null)
    {
        Limits = limits ?? new ExtractionLimits();
        Limits.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The limits this extractor enforces.</summary>
    public ExtractionLimits Limits { get; }

    /// <summary>Extracts the text of a document held in memory.</summary>
    /// <param name="content">The document bytes.</param>
    /// <param name="fileName">The original file name, kept for display only; it is never used to decide the format.</param>
    /// <param name="cancellationToken">Stops the extraction; the resulting <see cref="OperationCanceledException"/> is not a rejection.</param>
    /// <returns>The extracted document.</returns>
    /// <exception cref="DocumentRejectedException">The content is empty, too large, unsupported, damaged, encrypted, or over a limit.</exception>
    public Task<ExtractedDocument> ExtractAsync(ReadOnlyMemory<byte> content, string? fileName = null, CancellationToken cancellationToken = default) =>
        WithTimeoutAsync(token => Task.Run(() => Extract(content, fileName, token), token), cancellationToken);

    /// <summary>Reads a document from a stream and extracts its text; reading stops as soon as <see cref="ExtractionLimits.MaxBytes"/> is exceeded.</summary>
    /// <param name="content">The document stream; it is read from its current position and not disposed.</param>
    /// <param name="fileName">The original file name, kept for display only; it is never used to decide the format.</param>
    /// <param name="cancellationToken">Stops reading or extraction; the resulting <see cref="OperationCanceledException"/> is not a rejection.</param>
    /// <returns>The extracted document.</returns>
    /// <exception cref="DocumentRejectedException">The content is empty, too large, unsupported, damaged, encrypted, or over a limit.</exception>
    public Task<ExtractedDocument> ExtractAsync(Stream content, string? fileName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return WithTimeoutAsync(
            async token =>
            {
                var bytes = await ReadBoundedAsync(content, token);
                return await Task.Run(() => Extract(bytes, fileName, token), token);
            },
            cancellationToken);
    }

    /// <summary>
    /// Detects the format of the content without extracting its text. Cheap checks only: a Word document's parts
    /// are not decompressed, so a later <see cref="ExtractAsync(ReadOnlyMemory{byte}, string?, CancellationToken)"/> can still reject it.
    /// </summary>
    /// <param name="content">The document bytes.</param>
    /// <returns>The detected kind.</returns>
    /// <exception cref="DocumentRejectedException">The content is empty, too large or not a supported format.</exception>
    public DocumentKind DetectKind(ReadOnlyMemory<byte> content)
    {
        CheckSize(content.Length);
        return Guard(() => MagicSniffer.Sniff(content.Span) switch
        {
            ContentFamily.Pdf => DocumentKind.Pdf,
            ContentFamily.Zip => ZipContainer.EnsureWordDocument(content, Limits),
            _ => TextClassifier.Classify(TextDecoder.Decode(content.Span).Text, Limits.MaxNestingDepth),
        });
    }

    private ExtractedDocument Extract(ReadOnlyMemory<byte> content, string? fileName, CancellationToken cancellationToken)
    {
        CheckSize(content.Length);
        var budget = new TextBudget(Limits.MaxCharacters, cancellationToken);
        var (kind, raw) = Guard(() => Read(content, budget));

        var warnings = raw.Warnings.ToList();
        if (FileNameHint.Warning(fileName, kind) is { } nameWarning)
        {
            warnings.Insert(0, nameWarning);
        }

        return new ExtractedDocument
        {
            Kind = kind,
            MediaType = MediaTypes.Of(kind),
            Text = raw.Text,
            FileName = fileName,
            Title = raw.Title,
            Author = raw.Author,
            PageCount = raw.PageCount,
            Pages = raw.Pages,
            ByteSize = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span)),
            Warnings = warnings,
        };
    }

    private (DocumentKind Kind, RawExtraction Raw) Read(ReadOnlyMemory<byte> content, TextBudget budget)
    {
        switch (MagicSniffer.Sniff(content.Span))
        {
            case ContentFamily.Pdf:
                return (DocumentKind.Pdf, PdfTextReader.Read(content, Limits, budget));
            case ContentFamily.Zip:
                ZipContainer.EnsureWordDocument(content, Limits);
                ZipContainer.EnsureWithinLimits(content, Limits, budget.CancellationToken);
                return (DocumentKind.Docx, DocxTextReader.Read(content, Limits, budget));
            default:
                var decoded = TextDecoder.Decode(content.Span);
                var kind = TextClassifier.Classify(decoded.Text, Limits.MaxNestingDepth);
                var raw = kind == DocumentKind.Html
                    ? HtmlTextReader.Read(decoded.Text, Limits, budget)
                    : PlainTextReader.Read(kind, decoded.Text, Limits, budget);
                return (kind, decoded.Warning is { } warning ? raw with { Warnings = [warning, .. raw.Warnings] } : raw);
        }
    }

    private void CheckSize(long length)
    {
        if (length == 0)
        {
            throw Rejections.Empty();
        }

        if (length > Limits.MaxBytes)
        {
            throw Rejections.TooLarge(Limits.MaxBytes, length);
        }
    }

    // The readers wrap their own parser failures; this is the backstop for anything they did not anticipate.
    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is not DocumentRejectedException and not OperationCanceledException)
        {
            throw Rejections.Corrupt("document", "an unexpected error occurred while reading it.", ex);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Length - content.Position > Limits.MaxBytes)
        {
            throw Rejections.TooLarge(Limits.MaxBytes, content.Length - content.Position);
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > Limits.MaxBytes)
            {
                throw Rejections.TooLarge(Limits.MaxBytes, null);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    // PdfPig and the Open XML SDK cannot be interrupted, so the caller stops waiting at the deadline while the
    // readers notice the cancelled token at their next page, part or element.
    private async Task<ExtractedDocument> WithTimeoutAsync(Func<CancellationToken, Task<ExtractedDocument>> work, CancellationToken cancellationToken)
    {
        if (Limits.Timeout == Timeout.InfiniteTimeSpan)
        {
            return await work(cancellationToken).WaitAsync(cancellationToken);
        }

        using var deadline = new CancellationTokenSource(Limits.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await work(linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Rejections.TimedOut(Limits.Timeout);
        }
    }
}
