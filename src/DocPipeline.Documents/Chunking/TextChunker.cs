using DocPipeline.Documents.Analysis.Text;

namespace DocPipeline.Documents.Chunking;

/// <summary>
/// Splits text into chunks within a token budget. Whole paragraphs are packed together; a paragraph over budget is
/// split into sentences, a sentence over budget into runs of words, and a word over budget into pieces of characters.
/// </summary>
public static class TextChunker
{
    /// <summary>Splits a document into chunks of at most <see cref="ChunkingOptions.MaxTokens"/> estimated tokens.</summary>
    /// <param name="text">The document text.</param>
    /// <param name="options">Budget and overlap.</param>
    /// <returns>The chunks in order; empty when the text is empty or only whitespace.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public static IReadOnlyList<TextChunk> Split(string text, ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var weights = new PrefixWeights(text);
        var atoms = BuildAtoms(text, weights, options.MaxTokens);
        var chunks = new List<TextChunk>();
        int? overlapStart = null;
        var i = 0;
        while (i < atoms.Count)
        {
            var start = overlapStart ?? atoms[i].Start;
            if (weights.Tokens(start, atoms[i].End) > options.MaxTokens)
            {
                start = atoms[i].Start;
            }

            var j = i;
            while (j + 1 < atoms.Count && weights.Tokens(start, atoms[j + 1].End) <= options.MaxTokens)
            {
                j++;
            }

            var end = atoms[j].End;
            chunks.Add(new TextChunk
            {
                Index = chunks.Count,
                Text = text[start..end],
                EstimatedTokens = weights.Tokens(start, end),
                CharOffset = start,
                OverlapLength = start < atoms[i].Start ? atoms[i].Start - start : 0,
            });

            i = j + 1;
            overlapStart = options.OverlapTokens > 0 && i < atoms.Count
                ? FindOverlapStart(text, weights, start, end, options.OverlapTokens)
                : null;
        }

        return chunks;
    }

    /// <summary>
    /// Splits one chunk again with a smaller budget, for when a model rejects it as too long. Offsets stay relative to
    /// the original document; indexes restart at 0.
    /// </summary>
    /// <param name="chunk">The chunk to split.</param>
    /// <param name="maxTokens">New budget; when omitted, half the chunk's estimate.</param>
    /// <returns>At least two chunks when the chunk is longer than the budget and can be split; otherwise the chunk itself (index 0).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chunk"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokens"/> is below 1.</exception>
    public static IReadOnlyList<TextChunk> Resplit(TextChunk chunk, int? maxTokens = null)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var budget = maxTokens ?? Math.Max(1, chunk.EstimatedTokens / 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(budget, 1, nameof(maxTokens));

        return Split(chunk.Text, new ChunkingOptions { MaxTokens = budget })
            .Select(c => c with { CharOffset = chunk.CharOffset + c.CharOffset })
            .ToList();
    }

    private static List<TextSpan> BuildAtoms(string text, PrefixWeights weights, int maxTokens)
    {
        var atoms = new List<TextSpan>();
        foreach (var paragraph in SentenceSplitter.Paragraphs(text))
        {
            if (weights.Tokens(paragraph.Start, paragraph.End) <= maxTokens)
            {
                atoms.Add(paragraph);
                continue;
            }

            foreach (var sentence in SentenceSplitter.Sentences(text, paragraph.Start, paragraph.End))
            {
                if (weights.Tokens(sentence.Start, sentence.End) <= maxTokens)
                {
                    atoms.Add(sentence);
                }
                else
                {
                    SplitWords(text, weights, sentence, maxTokens, atoms);
                }
            }
        }

        return atoms;
    }

    private static void SplitWords(string text, PrefixWeights weights, TextSpan sentence, int maxTokens, List<TextSpan> atoms)
    {
        var i = sentence.Start;
        while (i < sentence.End)
        {
            var wordEnd = i;
            while (wordEnd < sentence.End && !char.IsWhiteSpace(text[wordEnd]))
            {
                wordEnd++;
            }

            if (weights.Tokens(i, wordEnd) > maxTokens)
            {
                SplitCharacters(text, weights, i, wordEnd, maxTokens, atoms);
            }
            else
            {
                atoms.Add(new TextSpan(i, wordEnd - i));
            }

            i = wordEnd;
            while (i < sentence.End && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
        }
    }

    private static void SplitCharacters(string text, PrefixWeights weights, int start, int end, int maxTokens, List<TextSpan> atoms)
    {
        var pieceStart = start;
        while (pieceStart < end)
        {
            var pieceEnd = pieceStart + 1;
            while (pieceEnd < end && weights.Tokens(pieceStart, pieceEnd + 1) <= maxTokens)
            {
                pieceEnd++;
            }

            // Never cut a surrogate pair in half.
            if (pieceEnd < end && char.IsLowSurrogate(text[pieceEnd]) && pieceEnd - 1 > pieceStart)
            {
                pieceEnd--;
            }
            else if (pieceEnd < end && char.IsLowSurrogate(text[pieceEnd]))
            {
                pieceEnd++;
            }

            atoms.Add(new TextSpan(pieceStart, pieceEnd - pieceStart));
            pieceStart = pieceEnd;
        }
    }

    /// <summary>The earliest sentence start (or failing that word start) inside the chunk whose tail fits the overlap budget.</summary>
    private static int? FindOverlapStart(string text, PrefixWeights weights, int chunkStart, int chunkEnd, int overlapTokens)
    {
        foreach (var sentence in SentenceSplitter.Sentences(text, chunkStart, chunkEnd))
        {
            if (sentence.Start > chunkStart && weights.Tokens(sentence.Start, chunkEnd) <= overlapTokens)
            {
                return sentence.Start;
            }
        }

        for (var p = Math.Max(chunkStart + 1, chunkEnd - (overlapTokens * 8)); p < chunkEnd; p++)
        {
            if (char.IsWhiteSpace(text[p - 1]) && !char.IsWhiteSpace(text[p]) && weights.Tokens(p, chunkEnd) <= overlapTokens)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>Cumulative token weights, so the estimate of any range costs O(1).</summary>
    private sealed class PrefixWeights
    {
        private readonly long[] prefix;

        public PrefixWeights(string text)
        {
            prefix = new long[text.Length + 1];
            for (var i = 0; i < text.Length; i++)
            {
                prefix[i + 1] = prefix[i] + TokenEstimator.Units(text[i]);
            }
        }

        public int Tokens(int start, int end) => TokenEstimator.ToTokens(prefix[end] - prefix[start]);
    }
}
