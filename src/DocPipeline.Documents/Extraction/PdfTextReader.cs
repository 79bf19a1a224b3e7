using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace DocPipeline.Documents.Extraction;

/// <summary>Reads PDF text page by page in content order with PdfPig.</summary>
internal static class PdfTextReader
{
    private const string Format = "PDF";

    // Incremental updates and trailing junk are allowed after the last marker, as readers traditionally accept.
    private const int EndMarkerWindow = 2048;

    private static readonly ContentOrderTextExtractor.Options LayoutOptions = new()
    {
        SeparateParagraphsWithDoubleNewline = true,
        ReplaceWhitespaceWithSpace = true,
    };

    public static RawExtraction Read(ReadOnlyMemory<byte> data, ExtractionLimits limits, TextBudget budget)
    {
        var tail = data.Span[Math.Max(0, data.Length - EndMarkerWindow)..];
        if (tail.IndexOf("%%EOF"u8) < 0)
        {
            throw Rejections.Corrupt(Format, "the end-of-file marker is missing, so the file is incomplete.");
        }

        try
        {
            using var document = PdfDocument.Open(data, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            var pageCount = document.NumberOfPages;
            if (pageCount > limits.MaxPages)
            {
                throw Rejections.TooManyPages(pageCount, limits.MaxPages);
            }

            if (pageCount == 0)
            {
                throw Rejections.NoText(Format);
            }

            return ReadPages(document, pageCount, budget);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw Rejections.Encrypted(Format);
        }
        catch (Exception ex) when (ex is not DocumentRejectedException and not OperationCanceledException)
        {
            throw Rejections.Corrupt(Format, Describe(ex), ex);
        }
    }

    private static RawExtraction ReadPages(PdfDocument document, int pageCount, TextBudget budget)
    {
        var pages = new List<string>(pageCount);
        var warnings = new List<string>();
        var blankPages = new List<int>();
        var sawLetters = false;
        for (var number = 1; number <= pageCount; number++)
        {
            budget.CancellationToken.ThrowIfCancellationRequested();
            var text = TextCleanup.Normalize(ContentOrderTextExtractor.GetText(document.GetPage(number), LayoutOptions));
            budget.Spend(text.Length + 2);
            if (text.Any(char.IsLetter))
            {
                sawLetters = true;
            }
            else
            {
                blankPages.Add(number);
            }

            pages.Add(text);
        }

        if (!sawLetters)
        {
            throw Rejections.NoTextLayer(pageCount);
        }

        if (blankPages.Count > 0)
        {
            warnings.Add($"{Plural(blankPages.Count, "page")} without text ({PageList(blankPages)}): they may be scanned images whose content is not included; run OCR on the PDF to include them.");
        }

        if (document.IsEncrypted)
        {
            warnings.Add("The PDF is encrypted with an owner password only; its text was readable without one.");
        }

        var unmapped = pages.Sum(page => page.Count(c => c == '\uFFFD'));
        if (unmapped > 0)
        {
            warnings.Add($"{Plural(unmapped, "character")} could not be mapped to Unicode by the PDF's fonts and appear as U+FFFD.");
        }

        return new RawExtraction(string.Join("\n\n", pages.Where(page => page.Length > 0)))
        {
            Title = TextCleanup.Metadata(document.Information.Title),
            Author = TextCleanup.Metadata(document.Information.Author),
            PageCount = pageCount,
            Pages = pages,
            Warnings = warnings,
        };
    }

    private static string Describe(Exception ex) => ex switch
    {
        PdfDocumentFormatException => "its internal structure is invalid.",
        _ => "the PDF parser failed on its content.",
    };

    private static string Plural(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    private static string PageList(List<int> pages) =>
        pages.Count <= 10
            ? string.Join(", ", pages)
            : string.Join(", ", pages.Take(10)) + ", …";
}
