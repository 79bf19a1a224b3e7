using DocPipeline.Host.Triggers;

namespace DocPipeline.Tests.Functions.Triggers;

public sealed class BlobDropStateTests
{
    [Fact]
    public void ApplyTo_OwnerMetadata_KeptAndTriggerKeysReplaced()
    {
        var metadata = new Dictionary<string, string> { ["owner"] = "finance", ["DocPipeline_Status"] = "claimed", ["docpipeline_error"] = "old" };
        var state = new BlobDropState { Status = BlobDropState.Submitted, InstanceId = "doc-1", Attempts = 2 };

        var written = state.ApplyTo(metadata);

        Assert.Equal("finance", written["owner"]);
        Assert.Equal("submitted", written["docpipeline_status"]);
        Assert.Equal("doc-1", written["docpipeline_instance"]);
        Assert.Equal("2", written["docpipeline_attempts"]);
        Assert.False(written.ContainsKey("docpipeline_error"));
        Assert.Equal(4, written.Count);
    }

    [Fact]
    public void Read_WrittenState_RoundTrips()
    {
        var at = new DateTimeOffset(2025, 3, 3, 10, 0, 0, TimeSpan.Zero);
        var state = new BlobDropState { Status = BlobDropState.Claimed, ClaimedAt = at, Attempts = 1, Error = "boom" };

        Assert.Equal(state, BlobDropState.Read(state.ApplyTo(null)));
    }

    [Fact]
    public void HeaderSafe_MultilineUnicodeAndLong_OneAsciiLineWithinLimit()
    {
        var text = "Extraction failed:\r\n  the file “naïve.pdf” is encrypted\t" + new string('x', 5000);

        var safe = BlobDropState.HeaderSafe(text);

        Assert.StartsWith("Extraction failed: the file ?na?ve.pdf? is encrypted x", safe, StringComparison.Ordinal);
        Assert.True(safe.Length <= 1024);
        Assert.All(safe, c => Assert.InRange(c, ' ', '~'));
    }
}
