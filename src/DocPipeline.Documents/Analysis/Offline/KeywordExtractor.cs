namespace DocPipeline.Documents.Analysis.Offline;

/// <summary>
/// Keywords by frequency: unigrams that are not stop words, numbers or very short, and bigrams of two such words
/// that appear together at least twice (a bigram scores 1.5× its count and hides its parts when it covers most of
/// their uses). Ties go to the earlier first occurrence, so the result is deterministic.
/// </summary>
internal static class KeywordExtractor
{
    public static List<string> Extract(IReadOnlyList<IReadOnlyList<Token>> sentences, int max)
    {
        var unigrams = new Dictionary<string, (int Count, int First, string Surface)>(StringComparer.Ordinal);
        var bigrams = new Dictionary<string, (int Count, int First, string Surface)>(StringComparer.Ordinal);
        var lowerCaseSeen = new HashSet<string>(StringComparer.Ordinal);
        var order = 0;
        foreach (var sentence in sentences)
        {
            Token? previous = null;
            foreach (var token in sentence)
            {
                order++;
                if (!IsCandidate(token))
                {
                    previous = null;
                    continue;
                }

                Bump(unigrams, token.Lower, order, token.Surface);
                if (!char.IsUpper(token.Surface[0]))
                {
                    lowerCaseSeen.Add(token.Lower);
                }

                if (previous is { } p)
                {
                    Bump(bigrams, p.Lower + " " + token.Lower, order, p.Surface + " " + token.Surface);
                }

                previous = token;
            }
        }

        var scored = new List<(string Surface, double Score, int First)>();
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, b) in bigrams.Where(b => b.Value.Count >= 2))
        {
            scored.Add((b.Surface, b.Count * 1.5, b.First));
            foreach (var part in key.Split(' '))
            {
                if (unigrams.TryGetValue(part, out var u) && b.Count * 2 >= u.Count)
                {
                    hidden.Add(part);
                }
            }
        }

        foreach (var (key, u) in unigrams)
        {
            if (!hidden.Contains(key))
            {
                scored.Add((u.Surface, u.Count, u.First));
            }
        }

        // Among equally frequent terms, longer ones tend to be more specific; the first occurrence breaks the rest.
        return scored
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => Math.Min(s.Surface.Length, 12))
            .ThenBy(s => s.First)
            .Select(s => Display(s.Surface, lowerCaseSeen))
            .Select(s => s.Length > AnalysisLimits.KeywordMaxLength ? s[..AnalysisLimits.KeywordMaxLength] : s)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .ToList();
    }

    /// <summary>
    /// Shows a term in lower case when it was ever written in lower case (or is a shouted heading word); proper nouns
    /// and short acronyms keep their capitals.
    /// </summary>
    private static string Display(string surface, HashSet<string> lowerCaseSeen)
    {
        var words = surface.Split(' ');
        return string.Join(' ', words.Select(w =>
        {
            var lower = w.ToLowerInvariant();
            var acronym = w.All(c => !char.IsLetter(c) || char.IsUpper(c)) && w.Length <= 5;
            return acronym ? w : lowerCaseSeen.Contains(lower) || w.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? lower : w;
        }));
    }

    private static bool IsCandidate(Token token) =>
        token.Lower.Length >= 3 && !StopWords.All.Contains(token.Lower) && token.Lower.All(c => !char.IsDigit(c));

    private static void Bump(Dictionary<string, (int Count, int First, string Surface)> map, string key, int order, string surface) =>
        map[key] = map.TryGetValue(key, out var existing) ? (existing.Count + 1, existing.First, existing.Surface) : (1, order, surface);
}
