using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Analysis.Offline;

/// <summary>
/// Guesses <see cref="DocumentTypes"/> by weighted cue phrases in several languages. Each cue counts at most three
/// times so one repeated word cannot decide alone; a type needs a minimum score, otherwise the answer is "other".
/// </summary>
internal static class DocumentTypeGuesser
{
    private const double MinimumScore = 3.0;

    private static readonly (string Type, Regex Cue, double Weight)[] Cues = Build(
    [
        (DocumentTypes.Invoice, 3, "invoice|rechnung|facture|factura|fattura|factuur|fatura|tax invoice|bill to|rechnungsnummer|invoice number|invoice no"),
        (DocumentTypes.Invoice, 1.5, "amount due|total due|balance due|subtotal|vat|mwst|ust|tva|iva|btw|payment terms|due date|fällig|zahlbar|unit price|qty|quantity|montant|importe|totale"),
        (DocumentTypes.Contract, 3, "agreement|contract|vertrag|contrat|contrato|contratto|overeenkomst|hereinafter|in witness whereof|vereinbarung"),
        (DocumentTypes.Contract, 1.5, @"parties|party|shall|governing law|termination|term of|obligations|liability|indemnif\w*|clause|klausel|the undersigned|signed by|effective date"),
        (DocumentTypes.Report, 2.5, "report|bericht|rapport|informe|relazione|verslag|relatório|executive summary|findings"),
        (DocumentTypes.Report, 1.2, "analysis|results|conclusion|conclusions|methodology|quarter|q[1-4]|year-over-year|revenue|growth|kpi|recommendations|overview|introduction"),
        (DocumentTypes.Email, 3, @"^(?:from|to|subject|sent|cc|von|an|betreff|de|à|objet|asunto|para|oggetto|da|onderwerp|van|aan|assunto)\s?:"),
        (DocumentTypes.Email, 1, @"forwarded message|original message|reply|re:|fw:|fwd:|wrote:"),
        (DocumentTypes.Letter, 3, @"dear|sincerely|yours faithfully|yours truly|kind regards|best regards|sehr geehrte\w*|mit freundlichen grüßen|madame|monsieur|cordialement|estimad[oa]s?|atentamente|gentile|distinti saluti|geachte|met vriendelijke groet|prezad[oa]s?|atenciosamente"),
        (DocumentTypes.Resume, 3, "curriculum vitae|résumé|resume|lebenslauf|work experience|professional experience|employment history|berufserfahrung|expérience professionnelle|experiencia laboral"),
        (DocumentTypes.Resume, 1.5, "education|skills|references|certifications|languages|ausbildung|kenntnisse|formation|compétences|educación|habilidades|bachelor|master|university"),
        (DocumentTypes.Policy, 3, "policy|richtlinie|politique|política|politica|beleid|code of conduct|procedure|guideline|guidelines"),
        (DocumentTypes.Policy, 1.2, "must|must not|employees|staff|compliance|scope|purpose|responsibilities|applies to|violations|mitarbeiter|employés|empleados|prohibited|required to"),
    ]);

    public static string Guess(string text)
    {
        var sample = text.Length > 50_000 ? text[..50_000] : text;
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (type, cue, weight) in Cues)
        {
            var hits = Math.Min(3, cue.Matches(sample).Count);
            if (hits > 0)
            {
                scores[type] = scores.GetValueOrDefault(type) + (hits * weight);
            }
        }

        var best = scores.OrderByDescending(p => p.Value).ThenBy(p => DocumentTypesOrder(p.Key)).FirstOrDefault();
        return best.Key is not null && best.Value >= MinimumScore ? best.Key : DocumentTypes.Other;
    }

    private static int DocumentTypesOrder(string type)
    {
        for (var i = 0; i < DocumentTypes.All.Count; i++)
        {
            if (DocumentTypes.All[i] == type)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static (string, Regex, double)[] Build((string Type, double Weight, string Alternation)[] cues) =>
        cues.Select(c => (c.Type, new Regex(
            c.Alternation.StartsWith('^') ? $"(?im){c.Alternation}" : $@"(?i)(?<![\p{{L}}\p{{N}}])(?:{c.Alternation})(?![\p{{L}}\p{{N}}])",
            RegexOptions.CultureInvariant | RegexOptions.Compiled), c.Weight)).ToArray();
}
