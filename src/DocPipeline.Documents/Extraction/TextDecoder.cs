using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace DocPipeline.Documents.Extraction;

/// <summary>
/// Turns text bytes into a string: byte order marks pick UTF-8, UTF-16 or UTF-32; without one the bytes must be
/// valid UTF-8 (or unmistakable BOM-less UTF-16). Anything else is refused rather than guessed, so no character is
/// silently replaced.
/// </summary>
internal static class TextDecoder
{
    // Share of control bytes above which content is treated as binary rather than as text in an unknown encoding.
    private const double BinaryControlShare = 0.01;
    private const int ProbeLength = 8192;

    public static DecodedText Decode(ReadOnlySpan<byte> data)
    {
        if (Starts(data, [0xFF, 0xFE, 0x00, 0x00]))
        {
            return Strict(new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), data[4..], "UTF-32 LE");
        }

        if (Starts(data, [0x00, 0x00, 0xFE, 0xFF]))
        {
            return Strict(new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), data[4..], "UTF-32 BE");
        }

        if (Starts(data, [0xEF, 0xBB, 0xBF]))
        {
            return DecodeUtf8(data[3..]);
        }

        if (Starts(data, [0xFF, 0xFE]))
        {
            return Strict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), data[2..], "UTF-16 LE");
        }

        if (Starts(data, [0xFE, 0xFF]))
        {
            return Strict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), data[2..], "UTF-16 BE");
        }

        if (LooksLikeUtf16WithoutBom(data, out var bigEndian))
        {
            var decoded = Strict(new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true), data, bigEndian ? "UTF-16 BE" : "UTF-16 LE");
            return decoded with { Warning = $"The text has no byte order mark; it was read as {decoded.Encoding}." };
        }

        return DecodeUtf8(data);
    }

    private static DecodedText DecodeUtf8(ReadOnlySpan<byte> data)
    {
        if (Utf8Validity(data) is { } invalidAt)
        {
            if (LooksBinary(data))
            {
                throw Rejections.Binary();
            }

            throw Rejections.InvalidEncoding(
                $"byte 0x{data[invalidAt]:X2} at offset {invalidAt.ToString(CultureInfo.InvariantCulture)} is not valid UTF-8, so it is probably in a legacy encoding such as Windows-1252 or ISO-8859-1.");
        }

        return Checked(Encoding.UTF8.GetString(data), "UTF-8");
    }

    private static DecodedText Strict(Encoding encoding, ReadOnlySpan<byte> data, string name)
    {
        string text;
        try
        {
            text = encoding.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            throw Rejections.InvalidEncoding($"it starts with a {name} byte order mark but contains bytes that are not valid {name}.");
        }

        return Checked(text, name);
    }

    private static DecodedText Checked(string text, string encoding)
    {
        var controls = 0;
        foreach (var c in text)
        {
            if (c == '\0')
            {
                throw Rejections.Binary();
            }

            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f' or '\v' or '\u001B' or '\u0085'))
            {
                controls++;
            }
        }

        if (controls > text.Length * BinaryControlShare)
        {
            throw Rejections.Binary();
        }

        return new DecodedText(text, encoding);
    }

    private static int? Utf8Validity(ReadOnlySpan<byte> data)
    {
        var scratch = ArrayPool<char>.Shared.Rent(4096);
        try
        {
            var consumed = 0;
            while (consumed < data.Length)
            {
                var status = Utf8.ToUtf16(data[consumed..], scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                consumed += read;
                if (status is OperationStatus.InvalidData or OperationStatus.NeedMoreData)
                {
                    return consumed;
                }

                if (status == OperationStatus.Done)
                {
                    return null;
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    private static bool LooksBinary(ReadOnlySpan<byte> data)
    {
        var probe = data[..Math.Min(data.Length, ProbeLength)];
        var controls = 0;
        foreach (var b in probe)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or 0x1B))
            {
                controls++;
            }
        }

        return controls > probe.Length * BinaryControlShare;
    }

    // ASCII-range text in UTF-16 puts a zero in every other byte; require that pattern almost everywhere.
    private static bool LooksLikeUtf16WithoutBom(ReadOnlySpan<byte> data, out bool bigEndian)
    {
        bigEndian = false;
        var probe = data[..Math.Min(data.Length & ~1, ProbeLength)];
        if (probe.Length < 8)
        {
            return false;
        }

        int zeroEven = 0, zeroOdd = 0;
        for (var i = 0; i < probe.Length; i += 2)
        {
            if (probe[i] == 0) zeroEven++;
            if (probe[i + 1] == 0) zeroOdd++;
        }

        var pairs = probe.Length / 2;
        if (zeroOdd > pairs * 0.9 && zeroEven < pairs * 0.05)
        {
            return true;
        }

        if (zeroEven > pairs * 0.9 && zeroOdd < pairs * 0.05)
        {
            bigEndian = true;
            return true;
        }

        return false;
    }

    private static bool Starts(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic) => data.StartsWith(magic);
}
