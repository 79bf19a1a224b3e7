using System.Buffers.Binary;
using System.Text;

namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Recognises formats by their leading bytes. Supported containers are reported as a <see cref="ContentFamily"/>;
/// well-known unsupported formats are rejected here with their name so the uploader knows what they sent.
/// </summary>
internal static class MagicSniffer
{
    private const string ImageAdvice = "Images are not read; run OCR on it and upload the resulting searchable PDF or text.";
    private const string ExecutableAdvice = "Programs are never processed; upload the document itself.";
    private const string ArchiveAdvice = "Extract the archive and upload the documents inside it one at a time.";
    private const string AudioAdvice = "Audio and video are not transcribed; upload a transcript instead.";
    private const string ConvertAdvice = "Open it in the program that made it, save it as PDF or DOCX, and upload that.";

    // The PDF specification lets readers accept a header anywhere in the first 1024 bytes.
    private const int PdfHeaderWindow = 1024;

    public static ContentFamily Sniff(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, PdfHeaderWindow)];
        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return ContentFamily.Pdf;
        }

        if (data.StartsWith("PK\x03\x04"u8) || data.StartsWith("PK\x05\x06"u8) || data.StartsWith("PK\x07\x08"u8))
        {
            return ContentFamily.Zip;
        }

        if (Starts(data, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            throw DescribeCompoundFile(data);
        }

        if (NameBinaryFormat(data) is { } binary)
        {
            throw Rejections.Unsupported(binary.Name, binary.Advice);
        }

        return ContentFamily.Text;
    }

    private static (string Name, string Advice)? NameBinaryFormat(ReadOnlySpan<byte> d)
    {
        if (Starts(d, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return ("PNG image", ImageAdvice);
        if (Starts(d, [0xFF, 0xD8, 0xFF])) return ("JPEG image", ImageAdvice);
        if (d.StartsWith("GIF87a"u8) || d.StartsWith("GIF89a"u8)) return ("GIF image", ImageAdvice);
        if (d.StartsWith("II*\0"u8) || d.StartsWith("MM\0*"u8)) return ("TIFF image", ImageAdvice);
        if (d.Length >= 12 && d.StartsWith("RIFF"u8) && d[8..12].SequenceEqual("WEBP"u8)) return ("WebP image", ImageAdvice);
        if (d.Length >= 12 && d.StartsWith("RIFF"u8) && d[8..12].SequenceEqual("WAVE"u8)) return ("WAV audio file", AudioAdvice);
        if (d.Length >= 14 && d.StartsWith("BM"u8) && BinaryPrimitives.ReadUInt32LittleEndian(d[2..6]) == d.Length) return ("BMP image", ImageAdvice);
        if (d.Length >= 12 && d[4..8].SequenceEqual("ftyp"u8)) return IsoMedia(d[8..12]);
        if (IsWindowsExecutable(d)) return ("Windows executable", ExecutableAdvice);
        if (Starts(d, [0x7F, 0x45, 0x4C, 0x46])) return ("ELF executable", ExecutableAdvice);
        if (Starts(d, [0xFE, 0xED, 0xFA, 0xCE]) || Starts(d, [0xFE, 0xED, 0xFA, 0xCF])
            || Starts(d, [0xCE, 0xFA, 0xED, 0xFE]) || Starts(d, [0xCF, 0xFA, 0xED, 0xFE])) return ("Mach-O executable", ExecutableAdvice);
        if (Starts(d, [0xCA, 0xFE, 0xBA, 0xBE])) return ("Java class file or universal binary", ExecutableAdvice);
        if (d.StartsWith("\0asm"u8)) return ("WebAssembly module", ExecutableAdvice);
        if (Starts(d, [0x1F, 0x8B])) return ("gzip archive", ArchiveAdvice);
        if (Starts(d, [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return ("7-Zip archive", ArchiveAdvice);
        if (d.StartsWith("Rar!\x1A\x07"u8)) return ("RAR archive", ArchiveAdvice);
        if (Starts(d, [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])) return ("xz archive", ArchiveAdvice);
        if (Starts(d, [0x28, 0xB5, 0x2F, 0xFD])) return ("Zstandard archive", ArchiveAdvice);
        if (d.StartsWith("SQLite format 3\0"u8)) return ("SQLite database", ConvertAdvice);
        if (d.StartsWith("{\\rtf"u8)) return ("RTF document", ConvertAdvice);
        if (d.StartsWith("%!PS"u8)) return ("PostScript file", ConvertAdvice);
        if (d.StartsWith("OggS"u8) || d.StartsWith("fLaC"u8) || d.StartsWith("ID3"u8)) return ("audio file", AudioAdvice);
        return null;
    }

    private static (string Name, string Advice) IsoMedia(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("avif"u8)
            ? ("HEIF/AVIF image", ImageAdvice)
            : ("MP4/QuickTime media file", AudioAdvice);

    // "MZ" alone also starts ordinary text, so require the PE signature the DOS header points at.
    private static bool IsWindowsExecutable(ReadOnlySpan<byte> d)
    {
        if (d.Length < 64 || !d.StartsWith("MZ"u8))
        {
            return false;
        }

        var peOffset = BinaryPrimitives.ReadInt32LittleEndian(d[0x3C..0x40]);
        return peOffset > 0 && peOffset <= d.Length - 4 && d[peOffset..(peOffset + 4)].SequenceEqual("PE\0\0"u8);
    }

    // Compound files hold a directory of UTF-16 stream names; the well-known names say which program wrote it.
    private static DocumentRejectedException DescribeCompoundFile(ReadOnlySpan<byte> data)
    {
        if (Contains(data, "EncryptedPackage"))
        {
            return Rejections.Encrypted("Office document");
        }

        if (Contains(data, "WordDocument"))
        {
            return Rejections.Unsupported("legacy Word document (.doc)", "Open it in Word and save it as .docx or PDF, then upload that.");
        }

        if (Contains(data, "Workbook") || Contains(data, "Book"))
        {
            return Rejections.Unsupported("legacy Excel workbook (.xls)", "Spreadsheets are not read; export the sheet as CSV or PDF and upload that.");
        }

        if (Contains(data, "PowerPoint Document"))
        {
            return Rejections.Unsupported("legacy PowerPoint presentation (.ppt)", "Save it as PDF and upload that.");
        }

        if (Contains(data, "__substg1.0_"))
        {
            return Rejections.Unsupported("Outlook message (.msg)", "Save the message as text or PDF and upload that.");
        }

        return Rejections.Unsupported("legacy Microsoft Office file (OLE compound document)", ConvertAdvice);
    }

    private static bool Contains(ReadOnlySpan<byte> data, string name) =>
        data.IndexOf(Encoding.Unicode.GetBytes(name)) >= 0;

    private static bool Starts(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic) => data.StartsWith(magic);
}
