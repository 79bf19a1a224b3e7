using System.Text;
using DocPipeline.Documents.Chunking;

namespace DocPipeline.Tests.Documents.Chunking;

public sealed class TextChunkerTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t  ")]
    public void Split_EmptyOrWhitespace_ReturnsNoChunks(string text)
    {
        Assert.Empty(TextChunker.Split(text, new ChunkingOptions { MaxTokens = 100 }));
    }

    [Fact]
    public void Split_TextWithinBudget_OneTrimmedChunk()
    {
        const string text = "\n\n  First paragraph.\n\nSecond paragraph.  \n";

        var chunks = TextChunker.Split(text, new ChunkingOptions { MaxTokens = 100 });

        var chunk = Assert.Single(chunks);
        Assert.Equal("First paragraph.\n\nSecond paragraph.", chunk.Text);
        Assert.Equal(4, chunk.CharOffset);
        Assert.Equal(0, chunk.Index);
        Assert.Equal(TokenEstimator.Estimate(chunk.Text), chunk.EstimatedTokens);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(60)]
    [InlineData(150)]
    [InlineData(1000)]
    public void Split_AnyBudget_ChunksAreExactSubstringsWithinBudgetAndCoverTheText(int maxTokens)
    {
        var text = SampleDocument(paragraphs: 40);

        var chunks = TextChunker.Split(text, new ChunkingOptions { MaxTokens = maxTokens });

        AssertWellFormed(text, chunks, maxTokens);
        Assert.Equal(Squash(text), Squash(string.Concat(chunks.Select(c => c.Text))));
    }

    [Fact]
    public void Split_ParagraphsThatFit_BreakOnlyAtParagraphBoundaries()
    {
        var text = SampleDocument(paragraphs: 30);
        var paragraphEnds = new HashSet<int>();
        for (var i = text.IndexOf("\n\n", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\n\n", i + 2, StringComparison.Ordinal))
        {
            paragraphEnds.Add(i);
        }

        paragraphEnds.Add(text.Length);

        var chunks = TextChunker.Split(text, new ChunkingOptions { MaxTokens = 200 });

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.Contains(c.CharOffset + c.Text.Length, paragraphEnds));
    }

    [Fact]
    public void Split_GiantParagraph_BreaksAtSentenceEnds()
    {
        var text = string.Join(" ", Enumerable.Range(1, 200).Select(i => $"Sentence number {i} explains one more detail of the plan."));

        var chunks = TextChunker.Split(text, new ChunkingOptions { MaxTokens = 100 });

        AssertWellFormed(text, chunks, 100);
        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.EndsWith("plan.", c.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Split_GiantWord_HardSplitWithinBudget()
    {
        var blob = string.Concat(Enumerable.Range(0, 5000).Select(i => (char)('a' + (i % 26))));
        var text = "Intro sentence.\n\n" + blob + "\n\nOutro sentence.";

        var chunks = TextChunker.Split(text, new ChunkingOptions { MaxTokens = 50 });

        AssertWellFormed(text, chunks, 50);
        Assert.Equal(blob, string.Concat(chunks.Where(c => !c.Text.Contains(' ', StringComparison.Ordinal)).Select(c => c.Text)));
    }

    [Fact]
    public void Split_CjkText_UsesConservativeEstimateAndKeepsSurrogatesWhole()
    {
        var text = string.Concat(Enumerable.Repeat("東京は日本の首都です。", 50)) + string.Concat(Enumerable.Repeat("\U0001F600", 100));

        var chunks = TextChunker.Split(text, new ChunkingOptions { MaxTokens = 40 });

        AssertWellFormed(text, chunks, 40);
        Assert.All(chunks, c =>
        {
            Assert.False(char.IsLowSurrogate(c.Text[0]));
            Assert.False(char.IsHighSurrogate(c.Text[^1]));
        });
    }

    [Fact]
    public void Split_WithOverlap_NextChunkRepeatsTailOfPrevious()
    {
        var text = string.Join(" ", Enumerable.Range(1, 120).Select(i => $"Fact {i} is stated here."));

        var chunks = TextChunker.Split(text, new ChunkingOptions { MaxTokens = 80, OverlapTokens = 15 });

        AssertWellFormed(text, chunks, 80);
        Assert.True(chunks.Count > 3);
        for (var i = 1; i < chunks.Count; i++)
        {
            var previous = chunks[i - 1];
            var current = chunks[i];
            Assert.True(current.OverlapLength > 0, $"Chunk {i} has no overlap.");
            var overlap = current.Text[..current.OverlapLength];
            Assert.EndsWith(overlap.TrimEnd(), previous.Text, StringComparison.Ordinal);
            Assert.StartsWith("Fact ", overlap, StringComparison.Ordinal);
            Assert.True(TokenEstimator.Estimate(overlap.TrimEnd()) <= 15);
            Assert.True(current.CharOffset + current.Text.Length > previous.CharOffset + previous.Text.Length, "No progress.");
        }
    }

    [Fact]
    public void Split_InvalidOptions_ThrowClearly()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextChunker.Split("x", new ChunkingOptions { MaxTokens = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextChunker.Split("x", new ChunkingOptions { MaxTokens = 100, OverlapTokens = 51 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextChunker.Split("x", new ChunkingOptions { MaxTokens = 100, OverlapTokens = -1 }));
        Assert.Throws<ArgumentNullException>(() => TextChunker.Split(null!, new ChunkingOptions()));
    }

    [Fact]
    public void Resplit_OverLongChunk_SmallerChunksWithDocumentOffsets()
    {
        var text = "Preamble paragraph.\n\n" + SampleDocument(paragraphs: 20);
        var big = TextChunker.Split(text, new ChunkingOptions { MaxTokens = 100_000 }).Single();
        var second = TextChunker.Split(text, new ChunkingOptions { MaxTokens = 300 })[1];

        var halves = TextChunker.Resplit(big);
        var smaller = TextChunker.Resplit(second, 60);

        Assert.True(halves.Count >= 2);
        Assert.All(halves, c => Assert.True(c.EstimatedTokens <= big.EstimatedTokens / 2));
        AssertWellFormed(text, halves, big.EstimatedTokens / 2, allowOffsetsFromDocument: true);
        Assert.True(smaller.Count >= 2);
        Assert.Equal(second.CharOffset, smaller[0].CharOffset);
        AssertWellFormed(text, smaller, 60, allowOffsetsFromDocument: true);
    }

    [Theory]
    [InlineData("abcd", 1)]
    [InlineData("abcde", 2)]
    [InlineData("東京", 2)]
    [InlineData("\U0001F600", 1)]
    [InlineData("Привет", 3)]
    [InlineData("", 0)]
    public void TokenEstimator_KnownInputs_DocumentedRates(string text, int expected)
    {
        Assert.Equal(expected, TokenEstimator.Estimate(text));
    }

    [Fact]
    public void TokenEstimator_LatinProse_AboutFourCharactersPerToken()
    {
        var text = SampleDocument(paragraphs: 10);

        var tokens = TokenEstimator.Estimate(text);

        Assert.InRange(tokens, text.Length / 4, (text.Length / 4) + 1);
    }

    private static void AssertWellFormed(string text, IReadOnlyList<TextChunk> chunks, int maxTokens, bool allowOffsetsFromDocument = false)
    {
        for (var i = 0; i < chunks.Count; i++)
        {
            var c = chunks[i];
            Assert.Equal(i, c.Index);
            Assert.Equal(c.Text, text.Substring(c.CharOffset, c.Text.Length));
            Assert.Equal(TokenEstimator.Estimate(c.Text), c.EstimatedTokens);
            Assert.True(c.EstimatedTokens <= maxTokens, $"Chunk {i} has {c.EstimatedTokens} tokens, budget {maxTokens}.");
            Assert.Equal(c.Text.Trim(), c.Text);
            if (i > 0 && !allowOffsetsFromDocument)
            {
                Assert.True(c.CharOffset >= chunks[i - 1].CharOffset);
            }
        }
    }

    private static string Squash(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string SampleDocument(int paragraphs)
    {
        string[] sentences =
        [
            "The committee reviewed the proposal in detail.",
            "Costs for the second phase were estimated at 1.2 million.",
            "Several members asked for a clearer timeline.",
            "The vendor agreed to deliver the first milestone by June.",
            "Risks include staffing, supply delays and regulatory review.",
            "A final decision is expected at the next meeting.",
        ];

        var sb = new StringBuilder();
        for (var p = 0; p < paragraphs; p++)
        {
            if (p > 0)
            {
                sb.Append("\n\n");
            }

            var count = 2 + (p % 4);
            for (var s = 0; s < count; s++)
            {
                if (s > 0)
                {
                    sb.Append(s % 3 == 0 ? "\n" : " ");
                }

                sb.Append(sentences[(p + s) % sentences.Length]);
            }
        }

        return sb.ToString();
    }
}
