using System.Text.RegularExpressions;
using DocPipeline.Documents.Analysis.Text;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Values that only a label identifies: a date is just a date unless it is called a date of birth, and a passport
/// number looks like any other code unless it follows "passport". Only the value is redacted; the label stays.
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
    }

    [GeneratedRegex(
        @"(?i)\b(?:date of birth|birth ?date|d\.o\.b\.?|dob|born(?: on)?|geburtsdatum|geb\.|geboren(?: am)?|date de naissance|née? le|fecha de nacimiento|nacid[oa] el|data di nascita|nat[oa] il|geboortedatum|geboren op|data de nascimento)(?:\s+(?:is|was))?\s*[:\-]?\s*",
        RegexOptions.CultureInvariant)]
    private static partial Regex BirthLabel();

    [GeneratedRegex(
        @"(?i)\b(?:passport|passeport|pasaporte|passaporte|passaporto|reisepass|paspoort)(?:[\s\-]*(?:no\.?|nr\.?|number|num\.?|#|nummer|numéro|número|numero|id))?\s*[:#]?\s*(?<v>[A-Z0-9]{6,9})\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex PassportNumber();
}
