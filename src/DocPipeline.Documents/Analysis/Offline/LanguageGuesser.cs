namespace DocPipeline.Documents.Analysis.Offline;

/// <summary>
/// Guesses the language: by script for non-Latin writing (kana → ja, Hangul → ko, Han → zh, Cyrillic → ru, Greek →
/// el, Arabic → ar, Hebrew → he), otherwise by function-word hits against the en/de/fr/es/it/nl/pt profiles, where
/// a word shared by k languages counts 1/k for each.
/// </summary>
internal static class LanguageGuesser
{
    public static string Guess(string text, IReadOnlyList<Token> tokens)
    {
        var script = GuessByScript(text);
        if (script is not null)
        {
            return script;
        }

        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        var considered = 0;
        foreach (var token in tokens.Take(3000))
        {
            considered++;
            var owners = StopWords.ByLanguage.Where(p => p.Value.Contains(token.Lower)).Select(p => p.Key).ToList();
            foreach (var language in owners)
            {
                scores[language] = scores.GetValueOrDefault(language) + (1.0 / owners.Count);
            }
        }

        if (scores.Count == 0)
        {
            return LanguageCodes.Undetermined;
        }

        var ranked = scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var best = ranked[0];
        var second = ranked.Count > 1 ? ranked[1].Value : 0;
        var enough = best.Value >= 1.5 && best.Value >= considered * 0.05;
        return enough && best.Value > second ? best.Key : LanguageCodes.Undetermined;
    }

    private static string? GuessByScript(string text)
    {
        int latin = 0, kana = 0, hangul = 0, han = 0, cyrillic = 0, greek = 0, arabic = 0, hebrew = 0;
        foreach (var c in text.Length > 20000 ? text[..20000] : text)
        {
            switch (c)
            {
                case >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '\u00C0' and <= '\u024F':
                    latin++;
                    break;
                case >= '\u3040' and <= '\u30FF':
                    kana++;
                    break;
                case >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF':
                    hangul++;
                    break;
                case >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF':
                    han++;
                    break;
                case >= '\u0400' and <= '\u04FF':
                    cyrillic++;
                    break;
                case >= '\u0370' and <= '\u03FF':
                    greek++;
                    break;
                case >= '\u0600' and <= '\u06FF':
                    arabic++;
                    break;
                case >= '\u0590' and <= '\u05FF':
                    hebrew++;
                    break;
            }
        }

        // CJK characters carry roughly a word each, so they are weighted against Latin letters accordingly.
        var cjk = (kana + hangul + han) * 4;
        var others = new (string Code, int Count)[]
        {
            ("ja", kana > 0 ? cjk : 0), ("ko", hangul > 0 && kana == 0 ? cjk : 0), ("zh", han > 0 && kana == 0 && hangul == 0 ? cjk : 0),
            ("ru", cyrillic), ("el", greek), ("ar", arabic), ("he", hebrew),
        };

        var top = others.MaxBy(o => o.Count);
        return top.Count > latin && top.Count >= 8 ? top.Code : null;
    }
}
