using System.Text.RegularExpressions;
using DocPipeline.Documents.Analysis.Text;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Values that only a label identifies: a date is just a date unless it is called a date of birth, and a passport or
/// national identity number looks like any other code unless it follows "passport", "Aadhaar", "CPF" and the like.
/// Only the value is redacted; the label stays.
/// </summary>
internal static partial class LabelledIdDetector
{
    public static void Find(string text, List<PiiCandidate> sink)
    {
        foreach (Match m in BirthLabel().Matches(text))
        {
            var start = m.Index + m.Length;
            var length = DateMentions.MatchLengthAt(text, start);
            if (length > 0)
            {
                sink.Add(new PiiCandidate(PiiType.DateOfBirth, start, length, text.Substring(start, length)));
            }
        }

        foreach (Match m in PassportNumber().Matches(text))
        {
            var v = m.Groups["v"];
            if (v.Value.Any(char.IsAsciiDigit))
            {
                sink.Add(new PiiCandidate(PiiType.Passport, v.Index, v.Length, v.Value.ToUpperInvariant()));
            }
        }

        foreach (Match m in NationalIdNumber().Matches(text))
        {
            var v = m.Groups["v"];
            var compact = new string(v.Value.Where(char.IsAsciiLetterOrDigit).ToArray());
            if (compact.Length is >= 6 and <= 20 && compact.Count(char.IsAsciiDigit) >= 4 &&
                DateMentions.MatchLengthAt(text, v.Index) == 0)
            {
                sink.Add(new PiiCandidate(PiiType.NationalId, v.Index, v.Length, compact));
            }
        }
    }

    [GeneratedRegex(
        @"(?i)\b(?:date of birth|birth ?date|d\.o\.b\.?|dob|born(?: on)?|geburtsdatum|geb\.|geboren(?: am)?|date de naissance|née? le|fecha de nacimiento|nacid[oa] el|data di nascita|nat[oa] il|geboortedatum|geboren op|data de nascimento)(?:\s+(?:is|was))?\s*[:\-]?\s*",
        RegexOptions.CultureInvariant)]
    private static partial Regex BirthLabel();

    [GeneratedRegex(
        @"(?i)\b(?:passport|passeport|pasaporte|passaporte|passaporto|reisepass|paspoort)(?:[\s\-]*(?:no\.?|nr\.?|number|num\.?|#|nummer|numéro|número|numero|id))?\s*[:#]?\s*(?<v>[A-Z0-9]{6,9})\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex PassportNumber();

    // UK National Insurance numbers are left to NationalIdDetector, which checks their prefixes. "NHS" needs "number"
    // after it, since "NHS 2024/25" is a financial year. Short acronyms are matched in capitals only, so "pan", "sin"
    // or "nie" in prose do not count as labels. After a space the value may only continue with a group that starts
    // with a digit (or a single closing letter), so it never swallows the next word.
    [GeneratedRegex(
        @"(?i)(?<![\p{L}\p{N}])(?:national[ \-]?id(?:entity)?(?:[ \-]?card)?|national identification|identity card|id card|personalausweis|steuer[ \-]?id|steueridentifikationsnummer|sozialversicherungsnummer|carte (?:nationale )?d'identit[ée]|s[ée]curit[ée] sociale|codice fiscale|carta d'identit[àa]|aadhaa?r|nhs[ \-]?(?:number|no\.?)|burgerservicenummer|マイナンバー|個人番号|social insurance|personnummer|pesel|curp|(?-i:My ?Number|PAN|SIN|CPF|BSN|DNI|NIE|NIF|NRIC))(?![\p{L}\p{N}])(?:[\s\-]*(?:no\.?|nr\.?|number|num\.?|nummer|numéro|número|numero|n[°º]|#))?[ \t]*[:#]?[ \t]*(?-i:(?<v>[A-Z0-9]+(?:[.\-/][A-Z0-9]+)*(?: \d[A-Z0-9]*(?:[.\-/][A-Z0-9]+)*)*(?: [A-Z](?![\p{L}\p{N}]))?))(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex NationalIdNumber();
}
