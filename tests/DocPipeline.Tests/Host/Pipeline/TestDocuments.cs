using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocPipeline.Tests.Documents.Extraction;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>Documents the end-to-end tests feed the pipeline.</summary>
internal static class TestDocuments
{
    public static readonly string[] PiiValues =
    [
        "jane.doe@example.com",
        "bob.smith@contoso.org",
        "4111 1111 1111 1111",
        "4111111111111111",
        "DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000",
        "+44 20 7946 0958",
        "Jane Doe",
        "Priya Tanaka",
        "Tanaka",
        "290 Baker Street",
        "NW1 6XE",
    ];

    /// <summary>A customer email carrying two e-mail addresses, a card number, an IBAN, a phone number, two names and a postal address.</summary>
    public static byte[] RefundEmail() => Encoding.UTF8.GetBytes(
        """
        Subject: Refund request for order 4471

        Dear Northwind support team,

        Please refund the duplicate charge of EUR 249.00 made on 12 March 2024 to card 4111 1111 1111 1111.
        If a card refund is not possible, transfer the amount to IBAN DE89 3704 0044 0532 0130 00 instead.

        You can reach me at jane.doe@example.com or on +44 20 7946 0958. My colleague bob.smith@contoso.org
        approved the request on 14 March 2024 after checking the two bank statements. Please ask Priya Tanaka
        for the signed copy, and ship the replacement card to 290 Baker Street, London NW1 6XE; Ms Tanaka will sign for it.

        Kind regards,
        Jane Doe
        """);

    /// <summary>A plain-text report long enough to need several chunks at a 200-token budget.</summary>
    public static byte[] LongReport(int sections, string title = "Quarterly warehouse report")
    {
        var text = new StringBuilder(title).Append("\n\n");
        string[] sites = ["Bristol", "Leeds", "Glasgow", "Cardiff", "Norwich", "Exeter", "Dundee", "York", "Bath", "Derby"];
        for (var i = 0; i < sections; i++)
        {
            var site = sites[i % sites.Length];
            text.Append(CultureInfo.InvariantCulture, $"Section {i + 1}: the {site} depot.\n")
                .Append(CultureInfo.InvariantCulture, $"The {site} depot received {120 + (i * 17)} pallets of stationery in March 2024 and shipped {95 + (i * 13)} of them to retail customers. ")
                .Append(CultureInfo.InvariantCulture, $"Storage costs at {site} came to GBP {1500 + (i * 250)}.00 for the quarter, which the site manager expects to fall after the racking upgrade. ")
                .Append(CultureInfo.InvariantCulture, $"Two forklift inspections were completed on {10 + i} April 2024 without findings, and staff training continued as planned.\n\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] TruncatedPdf()
    {
        var bytes = SampleDocuments.PdfPages("First page of the statement.", "Second page.", "Third page.");
        return bytes[..(bytes.Length * 2 / 3)];
    }

    public static byte[] EncryptedPdfFile() =>
        EncryptedPdf.Build(userPassword: "s3cret-user", ownerPassword: "s3cret-owner", text: "Salary review 2024 - confidential");

    /// <summary>A valid DOCX with an extra part that inflates from a few KB to 64 MiB of zeros.</summary>
    public static byte[] ZipBombDocx()
    {
        var docx = SampleDocuments.Docx([SampleDocuments.Paragraph("Purchase order 7781 for office chairs.")]);
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.CreateEntry("word/media/filler.bin", CompressionLevel.SmallestSize);
            using var content = entry.Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                content.Write(zeros);
            }
        }

        return stream.ToArray();
    }

    public static byte[] BinaryJunk()
    {
        var bytes = new byte[4096];
        new Random(99).NextBytes(bytes);
        bytes[0] = 0x00;
        return bytes;
    }
}
