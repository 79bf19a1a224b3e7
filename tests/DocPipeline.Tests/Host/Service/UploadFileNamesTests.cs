using DocPipeline.Host.Apis;

namespace DocPipeline.Tests.Functions.Service;

public sealed class UploadFileNamesTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\Windows\\System32\\drivers\\etc\\hosts", "hosts")]
    [InlineData("C:\\Users\\ann\\Desktop\\Q3 budget.xlsx.pdf", "Q3 budget.xlsx.pdf")]
    [InlineData("/abs/path/to/notes.txt/", "notes.txt")]
    [InlineData("in\u0000voice\u001F.txt", "invoice.txt")]
    [InlineData("evil\u202Etxt.exe", "eviltxt.exe")]
    [InlineData("a<b>c:d\"e|f?g*h.txt", "abcdefgh.txt")]
    [InlineData("  spaced\tout \n name .txt ", "spaced out name .txt")]
    [InlineData("...", "document")]
    [InlineData("..", "document")]
    [InlineData("../..", "document")]
    [InlineData("", "document")]
    [InlineData(null, "document")]
    [InlineData("\u0001\u0002", "document")]
    [InlineData("résumé — été.docx", "résumé — été.docx")]
    public void Sanitize_Name_GivesSafeLabel(string? name, string expected) =>
        Assert.Equal(expected, UploadFileNames.Sanitize(name));

    [Fact]
    public void Sanitize_VeryLongName_KeepsExtensionWithinLimit()
    {
        var result = UploadFileNames.Sanitize(new string('x', 500) + ".pdf");

        Assert.Equal(UploadFileNames.MaxLength, result.Length);
        Assert.EndsWith("x.pdf", result, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_LongNameOfEmoji_DoesNotSplitASurrogatePair()
    {
        var result = UploadFileNames.Sanitize(string.Concat(Enumerable.Repeat("😀", 150)) + ".txt");

        Assert.True(result.Length <= UploadFileNames.MaxLength);
        Assert.False(char.IsHighSurrogate(result[^5]));
        Assert.EndsWith(".txt", result, StringComparison.Ordinal);
    }
}
