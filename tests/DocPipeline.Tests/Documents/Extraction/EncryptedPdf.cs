using System.Security.Cryptography;
using System.Text;

namespace DocPipeline.Tests.Documents.Extraction;

/// <summary>
/// Writes a genuinely encrypted one-page PDF (Standard security handler, revision 3, 128-bit RC4) following the
/// PDF 1.7 key and password algorithms, because PdfPig's writer cannot encrypt. The content stream is RC4-encrypted
/// with the object key, so the text is only readable with one of the passwords.
/// </summary>
internal static class EncryptedPdf
{
    private const int Permissions = -3904;

    private static readonly byte[] PasswordPadding = Convert.FromHexString("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A");
    private static readonly byte[] FileId = Convert.FromHexString("5B3C1D0E9F8A7B6C5D4E3F2A1B0C9D8E");

    public static byte[] Build(string userPassword, string ownerPassword, string text)
    {
        var ownerKey = MD5.HashData(Pad(ownerPassword));
        for (var i = 0; i < 50; i++)
        {
            ownerKey = MD5.HashData(ownerKey);
        }

        var o = Rc4Rounds(ownerKey, Pad(userPassword));

        var fileKey = MD5.HashData([.. Pad(userPassword), .. o, .. BitConverter.GetBytes(Permissions), .. FileId]);
        for (var i = 0; i < 50; i++)
        {
            fileKey = MD5.HashData(fileKey);
        }

        var u = Rc4Rounds(fileKey, MD5.HashData([.. PasswordPadding, .. FileId])).Concat(new byte[16]).ToArray();

        var content = Encoding.Latin1.GetBytes($"BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
        var objectKey = MD5.HashData([.. fileKey, 4, 0, 0, 0, 0]);
        var encrypted = Rc4(objectKey, content);

        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }

        Write("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        offsets.Add(pdf.Position);
        Write($"4 0 obj\n<< /Length {encrypted.Length} >>\nstream\n");
        pdf.Write(encrypted);
        Write("\nendstream\nendobj\n");
        Object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        Object($"<< /Filter /Standard /V 2 /R 3 /Length 128 /P {Permissions} /O <{Convert.ToHexString(o)}> /U <{Convert.ToHexString(u)}> >>");

        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        var id = Convert.ToHexString(FileId);
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static byte[] Pad(string password)
    {
        var bytes = Encoding.Latin1.GetBytes(password);
        var padded = new byte[32];
        var length = Math.Min(32, bytes.Length);
        Array.Copy(bytes, padded, length);
        Array.Copy(PasswordPadding, 0, padded, length, 32 - length);
        return padded;
    }

    // Revision 3 encrypts 20 times, XOR-ing each key byte with the round number.
    private static byte[] Rc4Rounds(byte[] key, byte[] data)
    {
        var result = Rc4(key, data);
        for (var round = 1; round <= 19; round++)
        {
            result = Rc4(key.Select(b => (byte)(b ^ round)).ToArray(), result);
        }

        return result;
    }

    private static byte[] Rc4(byte[] key, byte[] data)
    {
        var s = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        for (int i = 0, j = 0; i < 256; i++)
        {
            j = (j + s[i] + key[i % key.Length]) & 255;
            (s[i], s[j]) = (s[j], s[i]);
        }

        var output = new byte[data.Length];
        for (int k = 0, i = 0, j = 0; k < data.Length; k++)
        {
            i = (i + 1) & 255;
            j = (j + s[i]) & 255;
            (s[i], s[j]) = (s[j], s[i]);
            output[k] = (byte)(data[k] ^ s[(s[i] + s[j]) & 255]);
        }

        return output;
    }
}
