using System.Text.RegularExpressions;
using DocPipeline.Documents.Analysis.Text;

namespace DocPipeline.Documents.Analysis.Offline;

/// <summary>
/// Entities by pattern: placeholders (<c>[EMAIL_1]</c> → email, <c>[PHONE_1]</c> → phone, <c>[DOB_1]</c> → date,
/// others → identifier), raw e-mails and URLs, organisations ending in a legal form (Inc, Ltd, GmbH, …), people after
/// an honorific or as two-to-three capitalised words, places ending in a street or city word, money and dates.
/// </summary>
internal static partial class EntityExtractor
{
    private static readonly HashSet<string> NotNameWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "this", "that", "these", "our", "your", "their", "his", "her", "its", "and", "or", "of", "for", "in",
        "on", "at", "to", "by", "with", "from", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "total", "invoice", "agreement", "contract", "policy", "report", "section", "article", "page", "table", "figure",
        "date", "amount", "subject", "dear", "regards", "sincerely", "summary", "terms", "conditions", "party", "parties",
        "department", "team", "company", "customer", "client", "supplier", "employee", "employees", "manager", "director",
        "chief", "officer", "executive", "board", "group", "services", "service", "data", "information", "privacy",
        "security", "payment", "tax", "vat", "net", "gross", "due", "note", "notes", "please", "thank", "thanks", "best",
        "kind", "yours", "faithfully", "order", "number", "account", "bank", "street", "road", "avenue", "new", "annual",
        "quarterly", "financial", "key", "main", "general", "human", "resources", "limited", "inc", "ltd", "gmbh", "llc",
        "plc", "corp", "university", "school", "ministry", "office", "european", "union", "states", "united", "kingdom",
        "all", "no", "not", "if", "as", "per", "is", "are", "was", "we", "i", "you", "it", "he", "she", "they", "mr", "mrs",
        "ms", "dr", "prof", "herr", "frau", "der", "die", "das", "le", "la", "les", "el", "los", "il", "de", "het", "een",
        "executive", "overview", "introduction", "conclusion", "results", "findings", "revenue", "growth", "scope",
        "purpose", "responsibilities", "compliance", "experience", "education", "skills", "references", "email", "phone",
    };

    private static readonly HashSet<string> LocationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "street", "st", "road", "rd", "avenue", "ave", "lane", "square", "park", "city", "county", "boulevard", "blvd",
        "strasse", "straße", "platz", "weg", "allee", "rue", "calle", "via", "plaza", "piazza", "straat", "rua", "avenida",
    };

    /// <remarks>
    /// German capitalises every noun, so in German text a run of capitalised words is read as a name only when it
    /// fills a line on its own (a signature) or follows an honorific.
    /// </remarks>
    public static List<AnalysisEntity> Extract(string text, IReadOnlyList<AmountMention> amounts, IReadOnlyList<DateMention> dates, string language)
    {
        var found = new List<(int Start, AnalysisEntity Entity)>();
        foreach (Match m in Tokenizer.Placeholders(text))
        {
            found.Add((m.Index, new AnalysisEntity(PlaceholderType(m.Groups["label"].Value), m.Value)));
        }

        foreach (Match m in Email().Matches(text))
        {
            found.Add((m.Index, new AnalysisEntity(EntityTypes.Email, m.Value)));
        }

        foreach (Match m in Url().Matches(text))
        {
            found.Add((m.Index, new AnalysisEntity(EntityTypes.Url, m.Value.TrimEnd('.', ',', ';', ')'))));
        }

        var taken = new List<(int Start, int End)>();
        foreach (Match m in Organization().Matches(text))
        {
            var name = m.Groups["name"];
            var value = name.Value.Trim();
            var start = name.Index;
            var article = LeadingArticle().Match(value);
            if (article.Success)
            {
                value = value[article.Length..];
                start += article.Length;
            }

            found.Add((start, new AnalysisEntity(EntityTypes.Organization, value)));
            taken.Add((name.Index, name.Index + name.Length));
        }

        foreach (Match m in HonorificName().Matches(text))
        {
            var name = m.Groups["name"];
            if (!Overlaps(taken, name.Index, name.Length))
            {
                found.Add((name.Index, new AnalysisEntity(EntityTypes.Person, name.Value)));
                taken.Add((name.Index, name.Index + name.Length));
            }
        }

        foreach (Match m in CapitalisedRun().Matches(text))
        {
            var wholeLine = IsWholeLine(text, m.Index, m.Length);
            if (Overlaps(taken, m.Index, m.Length) || (IsSentenceStart(text, m.Index) && !wholeLine) || (language == "de" && !wholeLine))
            {
                continue;
            }

            var words = m.Value.Split(' ');
            if (LocationWords.Contains(words[^1].TrimEnd('.')))
            {
                found.Add((m.Index, new AnalysisEntity(EntityTypes.Location, m.Value)));
            }
            else if (!words.Any(w => NotNameWords.Contains(w) || w.All(char.IsUpper)))
            {
                found.Add((m.Index, new AnalysisEntity(EntityTypes.Person, m.Value)));
            }
        }

        foreach (var amount in amounts)
        {
            found.Add((amount.Start, new AnalysisEntity(EntityTypes.Money, amount.Text)));
        }

        foreach (var date in dates)
        {
            found.Add((date.Start, new AnalysisEntity(EntityTypes.Date, text.Substring(date.Start, date.Length))));
        }

        return found
            .OrderBy(f => f.Start)
            .Select(f => f.Entity)
            .Where(e => e.Text.Length is > 0 and <= AnalysisLimits.EntityTextMaxLength)
            .DistinctBy(e => (e.Type, e.Text.ToLowerInvariant()))
            .Take(AnalysisLimits.MaxEntities)
            .ToList();
    }

    private static string PlaceholderType(string label) => label switch
    {
        "EMAIL" => EntityTypes.Email,
        "PHONE" => EntityTypes.Phone,
        "DOB" => EntityTypes.Date,
        _ => EntityTypes.Identifier,
    };

    private static bool Overlaps(List<(int Start, int End)> taken, int start, int length) =>
        taken.Any(t => t.Start < start + length && start < t.End);

    private static bool IsWholeLine(string text, int index, int length) =>
        (index == 0 || text[index - 1] == '\n') && (index + length == text.Length || text[index + length] is '\n' or '\r');

    private static bool IsSentenceStart(string text, int index)
    {
        var j = index - 1;
        while (j >= 0 && text[j] is ' ' or '\t' or '"' or '(' or '\u201C')
        {
            j--;
        }

        return j < 0 || text[j] is '.' or '!' or '?' or '\n' or ':';
    }

    [GeneratedRegex(@"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"^(?:The|A|An|Die|Der|Das|La|Le|Les|El|Il|Het|De)[ \t]+", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingArticle();

    [GeneratedRegex(@"\bhttps?://[^\s<>""'\]]+", RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(
        @"(?<name>(?:\p{Lu}[\p{L}\p{M}&'\-.]*[ \t]+(?:(?:&|and|und|et|y|e|of|de)[ \t]+)?){0,4}\p{Lu}[\p{L}\p{M}&'\-]*,?[ \t]+(?:Inc|Ltd|LLC|LLP|GmbH|AG|KG|SE|SA|S\.A|SAS|SARL|BV|B\.V|NV|N\.V|PLC|plc|Corp|Corporation|Co|Company|Limited|S\.p\.A|SpA|Srl|S\.r\.l|Pty|Oy|AB|ApS|Group|Holdings)\b\.?)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Organization();

    [GeneratedRegex(
        @"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra|Sig|Dott|Dhr|Mevr)\.?[ \t]+(?<name>\p{Lu}[\p{Ll}\p{M}'\-]+(?:[ \t]+\p{Lu}[\p{Ll}\p{M}'\-]+){0,2})",
        RegexOptions.CultureInvariant)]
    private static partial Regex HonorificName();

    [GeneratedRegex(@"(?<![\p{L}\p{M}\-])\p{Lu}[\p{Ll}\p{M}'\-]+(?:[ ]\p{Lu}[\p{Ll}\p{M}'\-]+){1,2}(?![\p{L}\p{M}])", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedRun();
}
