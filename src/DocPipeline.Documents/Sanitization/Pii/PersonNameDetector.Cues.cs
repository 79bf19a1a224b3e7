using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

internal static partial class PersonNameDetector
{
    private const string NameWord = @"(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Mme|Mlle|Sr|Sra|Srta|Dott|Dra|Dña|Ing)\.?[ \u00A0])(?:\p{Lu}\.|(?:\p{Lu}['’])?\p{Lu}\p{Ll}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*)";
    private const string NameParticle = @"(?:van|von|der|den|de|da|di|du|del|della|dos|das|la|le|bin|binti|ibn|al|el|ten|ter)";

    private static readonly HashSet<string> CueWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Dear", "Dearest", "Hi", "Hello", "Hey", "Hallo", "Liebe", "Lieber", "Bonjour", "Cher", "Chère", "Estimado", "Estimada",
        "Hola", "Ciao", "Gentile", "Caro", "Cara", "Olá", "Prezado", "Prezada", "Hej", "Beste", "Thanks", "Attn", "Attention",
    };

    private static readonly HashSet<string> OrganisationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "Ltd", "Inc", "LLC", "LLP", "GmbH", "AG", "SA", "SAS", "SARL", "SpA", "Srl", "BV", "NV", "Plc", "Corp", "Co", "Pty", "KG",
        "Oy", "AB", "ASA", "Bhd", "Pte", "Limited", "Sons",
    };

    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "van", "von", "der", "den", "de", "da", "di", "du", "del", "della", "dos", "das", "la", "le", "bin", "binti", "ibn", "al", "el", "ten", "ter",
    };

    private static bool IsCueWord(string word) => CueWords.Contains(word);

    private static bool IsParticle(string word) => Particles.Contains(word);

    private static bool IsOrganisationWord(string word) => OrganisationWords.Contains(word.TrimEnd('.'));

    private static bool IsOrganisationFollower(string after) => OrganisationFollower().IsMatch(after);

    /// <summary>Whether the text around a run marks it as a person: a salutation, a label, a signature or a display name.</summary>
    private static bool HasCue(string text, int start, int end)
    {
        var before = TextContext.Before(text, start, 60);
        if (SalutationOrLabel().IsMatch(before) || ListLine().IsMatch(before))
        {
            return true;
        }

        var after = TextContext.After(text, end, 8);
        if (DisplayName().IsMatch(after))
        {
            return true;
        }

        // A signature: the run fills its line and the closest non-empty line above is a closing such as "Regards,".
        if (before.Trim().Length != 0 || after.Trim().Length != 0)
        {
            return false;
        }

        var lineStart = start - before.Length;
        var i = lineStart - 1;
        while (i > 0)
        {
            var previous = TextContext.Before(text, i, 80);
            if (previous.Trim().Length > 0)
            {
                return Closing().IsMatch(previous.Trim());
            }

            i -= previous.Length + 1;
        }

        return false;
    }

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}@._'’-])(?<title>(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Herr|Frau|Mme|Mlle|Sr|Sra|Srta|Dott|Dra|Dña|Ing)\.?[ \u00A0])?(?<run>" + NameWord + @"(?:[ \u00A0](?:" + NameParticle + @"[ \u00A0])*" + NameWord + @"){0,5})(?![\p{L}\p{N}@])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Run();

    [GeneratedRegex(NameWord, RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"-(?:san|sama|kun|chan|sensei|ji)$", RegexOptions.CultureInvariant)]
    private static partial Regex Honorific();

    // "Acme Ltd", and a word that names a group rather than a person: "Dear Northwind support team".
    [GeneratedRegex(
        @"^(?:[ ]+(?:&[ ]+Co|Ltd|Inc|LLC|GmbH|AG|plc|Group|Holdings)\b|['’]s[ ]+(?:Bank|Group|Foods|Stores)\b|[ ]+(?:(?:customer|support|sales|service|it|hr|finance|accounts|billing|legal|procurement|help)[ ]+)*(?:team|teams|colleagues|staff|customers|members|partners|department|desk|support|office)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationFollower();

    // A salutation or a field label ending right before the run: "Dear ", "Name: ", "Approved by ", "Contact person: ".
    [GeneratedRegex(
        @"(?i)(?:(?<![\p{L}])(?:dear|dearest|hi|hello|hey|hallo|liebe[rs]?|sehr geehrte[rs]?|bonjour|cher|chère|estimad[oa]|hola|ciao|gentile|car[oa]|olá|prezad[oa]|hej|beste|good (?:morning|afternoon|evening)|thanks|thank you|many thanks|attn\.?|attention)[ ,]*|(?<![\p{L}])(?:(?:full |first |last |customer |employee |contact |account |patient |applicant |candidate |driver(?:'s)? )?name|contact(?: person)?|owner|account owner|assigned to|assignee|author|prepared by|reviewed by|approved by|approved|signed by|signed|signatory|requested by|reported by|updated by|last updated by|created by|submitted by|authori[sz]ed by|organi[sz]er|speaker|presenter|host|driver|customer|client|employee|manager|reviewer|recipient|sender|applicant|candidate|patient|tenant|landlord|buyer|seller|from|to|cc|bcc|reply from|attendee|attendees|participants|present|apologies|interviewers|interview panel|panel|guests|chair|secretary|witness|beneficiary|account holder|cardholder|(?:[a-z]+ )?(?:manager|lead|officer|director)|contact)[ ]*[:\-–][ ]*|(?<![\p{L}])(?:thank|thanks to|ask|asked|tell|told|remind|invite|invited|congratulate|welcome|meet|met|spoke to|speak to|talk to|talked to|check with|cc|copy|introduce|according to)[ ]+|(?<![\p{L}])(?:(?:prepared|reviewed|approved|signed|requested|reported|updated|created|submitted|authori[sz]ed|chaired|written|sent|issued|raised|countersigned|witnessed)[ ]by|on behalf of)[ ]+)""?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex SalutationOrLabel();

    // A later name on a list line: "Attendees: A B, C D and E F".
    [GeneratedRegex(
        @"(?i)^[ \t]*(?:attendees|participants|present|apologies|absent|interviewers|interview panel|panel|guests|cc|bcc|to|speakers|members|team|invitees|distribution)[ ]*:[^:\n]*(?:[,;][ ]*|[ ]and[ ]+|[ ]&[ ]+)(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?[ ])?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ListLine();

    [GeneratedRegex(@"^(?:,[ ]|[ ](?:and|&|or|und|et|y|e)[ ])$", RegexOptions.CultureInvariant)]
    private static partial Regex NameJoiner();

    [GeneratedRegex(@"(?i)(?:^|[^\p{L}])(?:the|a|an|our|your|their|this|that)[ ]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Determiner();

    [GeneratedRegex(@"^""?[ ]*<[^>\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex DisplayName();

    [GeneratedRegex(
        @"(?i)^(?:(?:kind|best|warm|warmest|many|with best|with kind)[ ]+regards|regards|best|best wishes|all the best|thanks|thank you|many thanks|cheers|sincerely|sincerely yours|yours sincerely|yours faithfully|yours truly|respectfully|mit freundlichen grüßen|freundliche grüße|viele grüße|beste grüße|cordialement|bien à vous|salutations|saludos|saludos cordiales|atentamente|un saludo|distinti saluti|cordiali saluti|atenciosamente|abraços|met vriendelijke groet(?:en)?|groeten|med vänliga hälsningar|hälsningar|vennlig hilsen|med venlig hilsen|pozdrawiam|z poważaniem|saygılarımla)[ ]*[,.!]?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Closing();
}
