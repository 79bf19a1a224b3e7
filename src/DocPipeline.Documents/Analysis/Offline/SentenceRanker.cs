namespace DocPipeline.Documents.Analysis.Offline;

/// <summary>
/// TF-IDF-style sentence scores: each content word weighs its document frequency times log(1 + sentences / sentences
/// containing it); a sentence scores the sum over its distinct content words divided by the square root of its length,
/// with a bonus for early position and a penalty for fragments (headings, labels) and very long sentences.
/// </summary>
internal static class SentenceRanker
{
    public static double[] Score(IReadOnlyList<IReadOnlyList<Token>> sentences, IReadOnlyList<bool> endsWithPunctuation)
    {
        var n = sentences.Count;
        var termFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var term in sentence.Where(IsContent).Select(t => t.Lower))
            {
                termFrequency[term] = termFrequency.GetValueOrDefault(term) + 1;
            }

            foreach (var term in sentence.Where(IsContent).Select(t => t.Lower).Distinct(StringComparer.Ordinal))
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var content = sentences[i].Where(IsContent).Select(t => t.Lower).ToList();
            if (content.Count == 0)
            {
                continue;
            }

            var sum = content.Distinct(StringComparer.Ordinal)
                .Sum(t => termFrequency[t] * Math.Log(1.0 + ((double)n / documentFrequency[t])));
            var score = sum / Math.Sqrt(content.Count + 1);
            score *= 1.0 + (0.4 / (1.0 + (i / 3.0)));
            var words = sentences[i].Count;
            if (words < 4 || (!endsWithPunctuation[i] && words < 8))
            {
                score *= 0.3;
            }
            else if (!endsWithPunctuation[i])
            {
                score *= 0.5; // a label line or list item rather than a sentence
            }
            else if (words > 80)
            {
                score *= 0.7;
            }

            scores[i] = score;
        }

        return scores;
    }

    private static bool IsContent(Token token) =>
        token.Lower.Length >= 3 && !StopWords.All.Contains(token.Lower) && token.Lower.Any(char.IsLetter);
}
