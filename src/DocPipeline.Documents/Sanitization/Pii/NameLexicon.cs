using Bogus;
using Bogus.Bson;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Word lists behind name detection, all shipped inside the app: given names and surnames of the ~50 locales in the
/// Bogus package's data (MIT), and month, weekday and country names from the same data, which are never names; plus
/// the lower-case words of an English spelling dictionary (SCOWL via dictionary-en, see Data/en-words.LICENSE.txt),
/// which tell "Mark the invoice" from "Mark Evans". Built once, on first use, and read-only afterwards.
/// </summary>
internal sealed class NameLexicon
{
    private static readonly Lazy<NameLexicon> Shared = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HashSet<string> givenNames;
    private readonly HashSet<string> surnames;
    private readonly HashSet<string> calendarWords;
    private readonly HashSet<string> countries;
    private readonly HashSet<string> places;
    private readonly HashSet<string> commonWords;

    private NameLexicon(
        HashSet<string> givenNames, HashSet<string> surnames, HashSet<string> calendarWords, HashSet<string> countries, HashSet<string> places, HashSet<string> commonWords)
    {
        this.givenNames = givenNames;
        this.surnames = surnames;
        this.calendarWords = calendarWords;
        this.countries = countries;
        this.places = places;
        this.commonWords = commonWords;
    }

    public static NameLexicon Instance => Shared.Value;

    public bool IsGivenName(string word) => givenNames.Contains(word);

    public bool IsSurname(string word) => surnames.Contains(word);

    public bool IsKnownName(string word) => givenNames.Contains(word) || surnames.Contains(word);

    /// <summary>Month and weekday names and their abbreviations, in the languages of the Bogus data.</summary>
    public bool IsCalendarWord(string word) => calendarWords.Contains(word);

    /// <summary>A country name or an ISO 3166 alpha-2/alpha-3 code (codes compared in capitals only).</summary>
    public bool IsCountry(string text) => countries.Contains(text);

    /// <summary>A country, a city of the IANA time zone names (Europe/London, Asia/Tokyo, …) or a US state.</summary>
    public bool IsPlace(string word) => countries.Contains(word) || places.Contains(word);

    /// <summary>
    /// True when the word, in lower case, is an English dictionary word, trying a few inflections ("services",
    /// "industries", "delivered") because the dictionary lists stems with affix flags.
    /// </summary>
    public bool IsCommonWord(string word)
    {
        var w = word.ToLowerInvariant();
        if (commonWords.Contains(w))
        {
            return true;
        }

        // Stems shorter than three letters ("j" + "ing") would make every short name an inflected word.
        if (w.Length < 6)
        {
            return (w.EndsWith('s') && w.Length >= 4 && commonWords.Contains(w[..^1])) ||
                (w.EndsWith("es", StringComparison.Ordinal) && w.Length >= 5 && commonWords.Contains(w[..^2]));
        }

        return (w.EndsWith("ies", StringComparison.Ordinal) && commonWords.Contains(string.Concat(w.AsSpan(0, w.Length - 3), "y"))) ||
            (w.EndsWith("es", StringComparison.Ordinal) && commonWords.Contains(w[..^2])) ||
            (w.EndsWith('s') && commonWords.Contains(w[..^1])) ||
            (w.EndsWith("ed", StringComparison.Ordinal) && (commonWords.Contains(w[..^2]) || commonWords.Contains(w[..^1]))) ||
            (w.EndsWith("ing", StringComparison.Ordinal) && (commonWords.Contains(w[..^3]) || commonWords.Contains(w[..^3] + "e")));
    }

    private static NameLexicon Build()
    {
        var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var family = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var calendar = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var countries = new HashSet<string>(StringComparer.Ordinal);
        var places = new HashSet<string>(StringComparer.Ordinal);
        foreach (var locale in Database.GetAllLocales())
        {
            var data = Database.GetLocale(locale);
            if (data["name"] is BObject name)
            {
                foreach (var key in name.Keys)
                {
                    var sink = key.Contains("first_name", StringComparison.Ordinal) || key.Contains("middle_name", StringComparison.Ordinal) ? given
                        : key.Contains("last_name", StringComparison.Ordinal) ? family
                        : null;
                    if (sink is not null)
                    {
                        AddLatinWords(name[key], sink);
                    }
                }
            }

            if (data["date"] is BObject date)
            {
                foreach (var key in date.Keys)
                {
                    if (date[key] is BObject forms)
                    {
                        // Abbreviations only in English: elsewhere they clash with names ("Sam." is Saturday in French).
                        foreach (var form in forms.Keys.Where(f => f == "wide" || locale == "en"))
                        {
                            AddLatinWords(forms[form], calendar);
                        }
                    }
                }
            }

            if (data["address"] is BObject address && address["country"] is BArray countryNames)
            {
                AddAll(countryNames, countries);
            }
        }

        if (Database.GetLocale("en")["address"] is BObject en)
        {
            AddAll(en["state"] as BArray, places);
            if (en["time_zone"] is BArray zones)
            {
                for (var i = 0; i < zones.Count; i++)
                {
                    var zone = zones[i].StringValue ?? string.Empty;
                    places.Add(zone[(zone.LastIndexOf('/') + 1)..].Replace('_', ' '));
                }
            }

            AddAll(en["country_code"] as BArray, countries);
            AddAll(en["country_code_alpha_3"] as BArray, countries);
        }

        calendar.ExceptWith(["Mar", "Mai", "Jun", "Jan", "Mayo"]);
        given.ExceptWith(calendar);
        family.ExceptWith(calendar);
        return new NameLexicon(given, family, calendar, countries, places, LoadCommonWords());
    }

    private static void AddLatinWords(BValue? value, HashSet<string> sink)
    {
        if (value is not BArray array)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var entry = array[i].StringValue;
            if (entry is null || entry.Contains('{', StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var word in entry.Split([' ', '.'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (word.Length >= 2 && word.All(c => char.IsLetter(c) || c is '\'' or '-') && word.Any(c => c < 'ɏ'))
                {
                    sink.Add(word);
                }
            }
        }
    }

    private static void AddAll(BArray? array, HashSet<string> sink)
    {
        for (var i = 0; array is not null && i < array.Count; i++)
        {
            if (array[i].StringValue is { Length: > 0 } s)
            {
                sink.Add(s);
            }
        }
    }

    private static HashSet<string> LoadCommonWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        using var stream = typeof(NameLexicon).Assembly.GetManifestResourceStream("DocPipeline.Documents.Sanitization.en-words.dic")
            ?? throw new InvalidOperationException("The embedded English word list is missing.");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var slash = line.IndexOf('/', StringComparison.Ordinal);
            var word = slash < 0 ? line : line[..slash];

            // Only lower-case entries are common words; capitalised entries are themselves names and places.
            if (word.Length > 0 && char.IsLower(word[0]))
            {
                words.Add(word);
            }
        }

        return words;
    }
}
