namespace DocPipeline.Documents.Analysis.Text;

/// <summary>Month names and abbreviations in the languages the analyzer knows (en, de, fr, es, it, nl, pt).</summary>
internal static class MonthNames
{
    private static readonly string[][] FullNames =
    [
        ["january", "januar", "jänner", "janvier", "enero", "gennaio", "januari", "janeiro"],
        ["february", "februar", "février", "fevrier", "febrero", "febbraio", "februari", "fevereiro"],
        ["march", "märz", "maerz", "mars", "marzo", "maart", "março", "marco"],
        ["april", "avril", "abril", "aprile"],
        ["may", "mai", "mayo", "maggio", "mei", "maio"],
        ["june", "juni", "juin", "junio", "giugno", "junho"],
        ["july", "juli", "juillet", "julio", "luglio", "julho"],
        ["august", "août", "aout", "agosto", "augustus"],
        ["september", "septembre", "septiembre", "setiembre", "settembre", "setembro"],
        ["october", "oktober", "octobre", "octubre", "ottobre", "outubro"],
        ["november", "novembre", "noviembre", "novembro"],
        ["december", "dezember", "décembre", "decembre", "diciembre", "dicembre", "dezembro"],
    ];

    private static readonly string[][] Abbreviations =
    [
        ["jan", "janv", "ene", "gen"],
        ["feb", "febr", "fév", "févr", "fev"],
        ["mar", "mär", "mrt"],
        ["apr", "avr", "abr"],
        [],
        ["jun", "giu"],
        ["jul", "juil", "lug"],
        ["aug", "ago"],
        ["sep", "sept", "set"],
        ["oct", "okt", "ott", "out"],
        ["nov"],
        ["dec", "dez", "déc", "dic"],
    ];

    public static readonly Dictionary<string, int> All = Build(includeAbbreviations: true);

    public static readonly Dictionary<string, int> Full = Build(includeAbbreviations: false);

    /// <summary>Regex alternation of every name, longest first so that "sept" wins over "sep".</summary>
    public static string Alternation(bool includeAbbreviations) =>
        string.Join("|", (includeAbbreviations ? All : Full).Keys.OrderByDescending(k => k.Length).ThenBy(k => k, StringComparer.Ordinal));

    private static Dictionary<string, int> Build(bool includeAbbreviations)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var m = 0; m < 12; m++)
        {
            foreach (var name in FullNames[m])
            {
                map[name] = m + 1;
            }

            if (includeAbbreviations)
            {
                foreach (var name in Abbreviations[m])
                {
                    map.TryAdd(name, m + 1);
                }
            }
        }

        return map;
    }
}
