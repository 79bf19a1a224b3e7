using System.Text;
using DocPipeline.Documents.Extraction;
using Microsoft.Extensions.Time.Testing;
using static DocPipeline.Tests.Documents.Extraction.ExtractionTestSupport;

namespace DocPipeline.Tests.Documents.Extraction;

public sealed class RejectionTests
{
    [Fact]
    public async Task ExtractAsync_EmptyContent_RejectsAsEmpty()
    {
        var rejection = await RejectedAsync([], RejectionReason.Empty, "upload.pdf");

        Assert.Contains("empty", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_ContentOverByteLimit_RejectsAsTooLarge()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('a', 2048));

        var rejection = await RejectedAsync(bytes, RejectionReason.TooLarge, limits: new ExtractionLimits { MaxBytes = 1024 });

        Assert.Contains("1 KiB", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_UnseekableStreamOverByteLimit_RejectsAsTooLargeWithoutReadingItAll()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var stream = new CountingStream(totalBytes: 10 * 1024 * 1024);
        var extractor = new DocumentExtractor(new ExtractionLimits { MaxBytes = 100 * 1024 });

        var rejection = await Assert.ThrowsAsync<DocumentRejectedException>(() => extractor.ExtractAsync(stream, "big.txt", timeout.Token));

        Assert.Equal(RejectionReason.TooLarge, rejection.Reason);
        Assert.True(stream.Served < 1024 * 1024, $"read {stream.Served} bytes");
    }

    [Fact]
    public async Task ExtractAsync_SeekableStream_ExtractsFromCurrentPosition()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        using var stream = new MemoryStream(SampleDocuments.PdfPages("Stream based upload."));

        var document = await new DocumentExtractor().ExtractAsync(stream, "upload.pdf", timeout.Token);

        Assert.Equal(DocumentKind.Pdf, document.Kind);
        Assert.Equal("Stream based upload.", document.Text);
        Assert.Equal(stream.Length, document.ByteSize);
    }

    [Fact]
    public async Task ExtractAsync_PngImage_RejectsAsUnsupportedNamingIt()
    {
        var rejection = await RejectedAsync(SampleDocuments.Png(16, 16), RejectionReason.UnsupportedType, "scan.pdf");

        Assert.Equal("PNG image", rejection.DetectedFormat);
        Assert.Contains("PNG image", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("OCR", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FFD8FFE000104A464946", "JPEG image")]
    [InlineData("474946383961", "GIF image")]
    [InlineData("49492A00", "TIFF image")]
    [InlineData("7F454C46020101", "ELF executable")]
    [InlineData("1F8B0800", "gzip archive")]
    [InlineData("7B5C727466315C616E7369", "RTF document")]
    public async Task ExtractAsync_KnownBinaryFormat_RejectsAsUnsupportedNamingIt(string magicHex, string expected)
    {
        var bytes = Convert.FromHexString(magicHex).Concat(new byte[256]).ToArray();

        var rejection = await RejectedAsync(bytes, RejectionReason.UnsupportedType, "document.pdf");

        Assert.Equal(expected, rejection.DetectedFormat);
    }

    [Fact]
    public async Task ExtractAsync_WindowsExecutable_RejectsAsUnsupported()
    {
        var bytes = new byte[512];
        "MZ"u8.CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3C), 0x80);
        "PE\0\0"u8.CopyTo(bytes.AsSpan(0x80));

        var rejection = await RejectedAsync(bytes, RejectionReason.UnsupportedType, "invoice.pdf");

        Assert.Equal("Windows executable", rejection.DetectedFormat);
    }

    [Fact]
    public async Task ExtractAsync_LegacyWordDocument_RejectsAsUnsupportedNamingIt()
    {
        var rejection = await RejectedAsync(CompoundFile("WordDocument"), RejectionReason.UnsupportedType, "contract.docx");

        Assert.Equal("legacy Word document (.doc)", rejection.DetectedFormat);
        Assert.Contains(".docx", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_PasswordProtectedOfficeFile_RejectsAsEncrypted()
    {
        // Word stores password-protected .docx files inside a compound file with an "EncryptedPackage" stream.
        await RejectedAsync(CompoundFile("EncryptedPackage"), RejectionReason.Encrypted, "contract.docx");
    }

    [Fact]
    public async Task ExtractAsync_RandomBytes_RejectsAsUnsupported()
    {
        var bytes = new byte[8192];
        new Random(20240401).NextBytes(bytes);

        var rejection = await RejectedAsync(bytes, RejectionReason.UnsupportedType);

        Assert.Equal("binary data", rejection.DetectedFormat);
    }

    [Fact]
    public async Task ExtractAsync_BinaryJunkNamedPdf_RejectsAsUnsupported()
    {
        var bytes = new byte[4096];
        new Random(99).NextBytes(bytes);
        bytes[0] = 0x00;

        await RejectedAsync(bytes, RejectionReason.UnsupportedType, "statement.pdf");
    }

    [Fact]
    public async Task ExtractAsync_StreamThatStalls_RejectsAsTimedOutAtTheDeadline()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        var clock = new FakeTimeProvider();
        var stream = new StallingStream();
        var extractor = new DocumentExtractor(new ExtractionLimits { Timeout = TimeSpan.FromSeconds(30) }, clock);

        var extraction = extractor.ExtractAsync(stream, "slow.pdf", timeout.Token);
        await stream.ReadStarted.WaitAsync(timeout.Token);
        clock.Advance(TimeSpan.FromSeconds(31));

        var rejection = await Assert.ThrowsAsync<DocumentRejectedException>(() => extraction);
        Assert.Equal(RejectionReason.TimedOut, rejection.Reason);
    }

    [Fact]
    public async Task ExtractAsync_CallerCancels_ThrowsOperationCanceledRatherThanRejecting()
    {
        using var timeout = new CancellationTokenSource(TestTimeout);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var stream = new StallingStream();

        var extraction = new DocumentExtractor().ExtractAsync(stream, cancellationToken: caller.Token);
        await stream.ReadStarted.WaitAsync(timeout.Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => extraction);
        Assert.False(timeout.IsCancellationRequested);
    }

    [Fact]
    public void Constructor_NonPositiveLimit_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentExtractor(new ExtractionLimits { MaxPages = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentExtractor(new ExtractionLimits { Timeout = TimeSpan.Zero }));
    }

    [Fact]
    public void DetectKind_ContentWithMisleadingName_UsesContentOnly()
    {
        var extractor = new DocumentExtractor();

        Assert.Equal(DocumentKind.Pdf, extractor.DetectKind(SampleDocuments.PdfPages("x")));
        Assert.Equal(DocumentKind.Docx, extractor.DetectKind(SampleDocuments.Docx([SampleDocuments.Paragraph("x")])));
        Assert.Equal(DocumentKind.Html, extractor.DetectKind(Encoding.UTF8.GetBytes("<!DOCTYPE html><p>x</p>")));
        Assert.Equal(DocumentKind.Json, extractor.DetectKind(Encoding.UTF8.GetBytes("[1, 2, 3]")));
        var rejection = Assert.Throws<DocumentRejectedException>(() => extractor.DetectKind(SampleDocuments.Png(4, 4)));
        Assert.Equal(RejectionReason.UnsupportedType, rejection.Reason);
    }

    private static byte[] CompoundFile(string streamName)
    {
        var bytes = new byte[2048];
        Convert.FromHexString("D0CF11E0A1B11AE1").CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("Root Entry").CopyTo(bytes, 1024);
        Encoding.Unicode.GetBytes(streamName).CopyTo(bytes, 1152);
        return bytes;
    }
}
