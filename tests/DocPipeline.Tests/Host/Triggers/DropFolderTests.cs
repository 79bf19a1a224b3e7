using DocPipeline.Host.Triggers;

namespace DocPipeline.Tests.Functions.Triggers;

public sealed class DropFolderTests : IDisposable
{
    private readonly TempAppRoot _root = new();

    [Theory]
    [InlineData("report.pdf", false)]
    [InlineData(".hidden", true)]
    [InlineData("report.pdf.part", true)]
    [InlineData("report.pdf.crdownload", true)]
    [InlineData("Report.TMP", true)]
    [InlineData("notes.txt~", true)]
    public void IsIgnored_FileName_SkipsHiddenAndPartialFiles(string name, bool ignored) =>
        Assert.Equal(ignored, DropFolder.IsIgnored(name));

    [Fact]
    public void FreePath_NameTaken_AddsCounterBeforeExtension()
    {
        File.WriteAllText(_root.Combine("memo.txt"), "1");
        File.WriteAllText(_root.Combine("memo (2).txt"), "2");

        Assert.Equal(_root.Combine("memo (3).txt"), DropFolder.FreePath(_root.Path, "memo.txt"));
        Assert.Equal(_root.Combine("other.txt"), DropFolder.FreePath(_root.Path, "other.txt"));
    }

    [Fact]
    public void CanOpenExclusively_WriterHoldsFile_FalseUntilClosed()
    {
        var path = _root.Combine("open.txt");
        using (var writer = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
        {
            writer.WriteByte(1);
            Assert.False(DropFolder.CanOpenExclusively(path));
        }

        Assert.True(DropFolder.CanOpenExclusively(path));
    }

    public void Dispose() => _root.Dispose();
}
