using DocPipeline.Documents.Sanitization;

namespace DocPipeline.Tests.Documents.Sanitization;

public sealed class TextSanitizerCleanupTests
{
    private static readonly TextSanitizer Cleaner = new(new TextSanitizerOptions { Redact = false });

    [Fact]
    public void Clean_ControlCharacters_RemovedExceptNewlineAndTab()
    {
        var result = Cleaner.Clean("a\u0000b\u0007c\td\u001Be\nf\u007F");

        Assert.Equal("abc\tde\nf", result);
    }

    [Fact]
    public void Clean_MixedLineEndings_NormalizedToLineFeed()
    {
        var result = Cleaner.Clean("one\r\ntwo\rthree\u2028four\u0085five");

        Assert.Equal("one\ntwo\nthree\nfour\nfive", result);
    }

    [Fact]
    public void Clean_CompatibilityForms_Folded()
    {
        var result = Cleaner.Clean("ＡＢＣ１２３ ﬁnance\u00A0team e\u0301te\u0301 Mu\u0308ller wait\u2026");

        Assert.Equal("ABC123 finance team été Müller wait...", result);
    }

    [Fact]
    public void Clean_InvisibleAndBidiControlCharacters_Removed()
    {
        var result = Cleaner.Clean("pay\u200Bment \u202Eevil\u202C \uFEFFdone");

        Assert.Equal("payment evil done", result);
    }

    [Fact]
    public void Clean_BrokenSurrogate_ReplacedWithReplacementCharacter()
    {
        var result = Cleaner.Clean("ok \uD83D end \uD83D\uDE00");

        Assert.Equal("ok \uFFFD end \uD83D\uDE00", result);
    }

    [Fact]
    public void Clean_RunsOfSpacesAndTrailingWhitespace_Collapsed()
    {
        var result = Cleaner.Clean("  Total     due:   42   \nnext   line\t ");

        Assert.Equal("Total due: 42\nnext line", result);
    }

    [Fact]
    public void Clean_MoreThanTwoBlankLines_CollapsedToTwo()
    {
        var result = Cleaner.Clean("\n\nfirst\n\n\n\n\n\nsecond\n\nthird\n\n\n");

        Assert.Equal("first\n\n\nsecond\n\nthird", result);
    }

    [Fact]
    public void Clean_WordHyphenatedAcrossLineBreak_Joined()
    {
        var result = Cleaner.Clean("This docu-\nment describes the pro-\n   cess in detail.");

        Assert.Equal("This document describes the process in detail.", result);
    }

    [Theory]
    [InlineData("a well-\nknown risk", "a well-known risk")]
    [InlineData("a self-\nservice portal", "a self-service portal")]
    [InlineData("state-of-the-\nart tooling", "state-of-the-art tooling")]
    [InlineData("cloud-\nbased storage", "cloud-based storage")]
    public void Clean_RealCompoundAcrossLineBreak_KeepsHyphen(string input, string expected)
    {
        Assert.Equal(expected, Cleaner.Clean(input));
    }

    [Fact]
    public void Clean_DocumentVocabulary_DecidesHyphenation()
    {
        var result = Cleaner.Clean("The follow-up meeting is booked.\nPlease send the follow-\nup notes and re-\nview the data. We review weekly.");

        Assert.Equal("The follow-up meeting is booked.\nPlease send the follow-up notes and review the data. We review weekly.", result);
    }

    [Fact]
    public void Clean_HyphenWithinLine_Untouched()
    {
        var result = Cleaner.Clean("A well-known, long-term, high-quality e-mail.");

        Assert.Equal("A well-known, long-term, high-quality e-mail.", result);
    }

    [Fact]
    public void Clean_SoftHyphens_JoinedAtLineEndAndDroppedElsewhere()
    {
        var result = Cleaner.Clean("inter\u00ADnational agree\u00AD\nment");

        Assert.Equal("international agreement", result);
    }

    [Fact]
    public void Clean_Pages_RepeatedHeadersAndFootersRemoved()
    {
        string[] bodies =
        [
            "Revenue grew in every region.\nThe board approved the plan.",
            "Costs stayed within budget.\nHiring slowed in March.",
            "Two new products launched.\nCustomer churn fell slightly.",
            "The audit found no issues.\nCash reserves are healthy.",
            "Next year focuses on Asia.\nRisks are listed below.",
        ];
        var pages = bodies.Select((body, i) =>
            $"ACME Corporation - Confidential\nQuarterly Report 2024\n\n{body}\n\nPage {i + 1} of 5\nPrinted 2024-03-{11 + i}").ToList();

        var result = Cleaner.Clean(pages);

        Assert.Equal(string.Join("\n\n", bodies), result);
    }

    [Fact]
    public void Clean_Pages_LineRepeatedInTheMiddleOrOnFewPages_Kept()
    {
        string[] words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike",
            "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray"];
        var pages = Enumerable.Range(0, 4).Select(p =>
            (p == 0 ? "Introduction\n" : string.Empty) +
            $"Title of section {p + 1}\n{words[p * 6]} text\n{words[(p * 6) + 1]} text\n{words[(p * 6) + 2]} text\nRecurring middle line\n" +
            $"{words[(p * 6) + 3]} text\n{words[(p * 6) + 4]} text\n{words[(p * 6) + 5]} text\nFooter").ToList();

        var result = Cleaner.Clean(pages);

        Assert.Contains("Introduction", result, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(result, "Recurring middle line"));
        Assert.Equal(0, CountOf(result, "Footer"));
        Assert.Equal(0, CountOf(result, "Title of section"));
    }

    [Fact]
    public void Clean_Pages_ShortPagesThatWouldBeEmptied_Kept()
    {
        var pages = Enumerable.Range(1, 3).Select(p => $"Slide {p}").ToList();

        var result = Cleaner.Clean(pages);

        Assert.Equal("Slide 1\nSlide 2\nSlide 3", result);
    }

    [Fact]
    public void Clean_FormFeedsInText_TreatedAsPageBreaks()
    {
        var bodies = new[] { "Revenue rose sharply.", "Costs were flat.", "Margins improved.", "Outlook is stable." };
        var text = string.Join("\f", bodies.Select((b, i) => $"Report header\n{b}\n- {i + 1} -"));

        var result = Cleaner.Clean(text);

        Assert.Equal("Revenue rose sharply.\n\nCosts were flat.\n\nMargins improved.\n\nOutlook is stable.", result);
    }

    [Fact]
    public void Clean_SentenceRunningOverPageBreak_StaysInOneParagraph()
    {
        var pages = new[] { "Header\nThe committee approved the docu-", "Header\nment and the budget for next year." };

        var result = Cleaner.Clean(pages);

        Assert.Equal("The committee approved the document and the budget for next year.", result);
    }

    [Fact]
    public void Clean_AllStepsDisabled_TextUnchanged()
    {
        var options = new TextSanitizerOptions
        {
            Clean = false,
            NormalizeUnicode = false,
            JoinHyphenatedWords = false,
            RemoveRepeatedHeadersAndFooters = false,
            Redact = false,
        };
        const string text = "  raw\r\ntext  docu-\nment ﬁ \u0007 \n\n\n\n end ";

        Assert.Equal(text, new TextSanitizer(options).Sanitize(text).Text);
    }

    [Fact]
    public void Sanitize_NullInputs_ThrowClearly()
    {
        var sanitizer = new TextSanitizer();

        Assert.Throws<ArgumentNullException>(() => sanitizer.Sanitize((string)null!));
        Assert.Throws<ArgumentNullException>(() => sanitizer.Sanitize((IReadOnlyList<string>)null!));
        var ex = Assert.Throws<ArgumentNullException>(() => sanitizer.Sanitize(new[] { "page", null! }));
        Assert.Contains("Page 1 is null", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextSanitizer(new TextSanitizerOptions { HeaderFooterMinPageShare = 1.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextSanitizer(new TextSanitizerOptions { MaxConsecutiveBlankLines = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextSanitizer(new TextSanitizerOptions { HeaderFooterLinesPerPage = 50 }));
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
