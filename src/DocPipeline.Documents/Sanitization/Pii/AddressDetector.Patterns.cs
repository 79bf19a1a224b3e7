using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

internal static partial class AddressDetector
{
    private const string Word = @"\p{Lu}[\p{L}\p{M}'’&-]*";
    private const string Particle = @"(?:de|del|della|di|da|do|dos|das|du|des|la|le|den|der|van|von|am|an|sur|upon|on|en)";

    // "290 Baker Street", "1600 Pennsylvania Avenue NW", "100 King Street West", "23 Teheran-ro 87-gil", "12th Main Road".
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}.,/-])\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?[ ]+(?:(?:" + Word + @"|\d{1,3}(?:st|nd|rd|th))[ ]+){0,3}(?:(?-i:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Square|Sq|Terrace|Way|Parkway|Pkwy|Highway|Hwy|Crescent|Close|Row|Quay|Wharf|Gardens|Grove|Mews|Circle|Loop|Plaza|Marg)\b\.?(?:[ ]+(?-i:NW|NE|SW|SE|N|S|E|W|North|South|East|West)\b)?|\p{L}+-(?:ro|gil|daero)(?:[ ]+\d{1,3}-gil)?)",
        RegexOptions.CultureInvariant)]
    private static partial Regex NumberThenStreet();

    // "18 rue de la République", "25 avenue des Champs-Élysées".
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])\d{1,4}(?:[ ]?(?:bis|ter))?,?[ ]+(?i:rue|avenue|av\.|boulevard|bd|place|allée|chemin|quai|impasse|cours|route)(?:[ ]+(?:(?:" + Particle + @"|l['’]|d['’])[ ]*)*" + Word + @")+",
        RegexOptions.CultureInvariant)]
    private static partial Regex FrenchStreet();

    // "Calle de Alcalá 45", "Via Garibaldi 7", "Rua Oscar Freire 379", "ul. Piotrkowska 104", "Av. Insurgentes Sur 1602".
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:Calle|C/|Avenida|Avda\.|Av\.|Paseo|Plaza|Carrer|Via|Viale|Piazza|Corso|Largo|Rua|Travessa|Praça|Alameda|ul\.|al\.|Jalan|Jl\.)[ ]*(?:(?:" + Particle + @"[ ]+)?" + Word + @"[ ]+){1,4}(?:No\.?:?[ ]*)?\d{1,5}[A-Za-z]?\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex StreetTypeThenNumber();

    // "Friedrichstraße 68", "Keizersgracht 221", "Drottninggatan 25", "Kalvebod Brygge 45", "Büyükdere Caddesi No: 185".
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:\p{Lu}[\p{L}-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm|gracht|laan|plein|straat|kade|gatan|vägen|gata|veien|gade|vej|torget)|" + Word + @"[ ]+(?:Straße|Strasse|Weg|Gasse|Allee|Platz|Brygge|Caddesi|Cad\.|Sokak|Sok\.|Bulvarı|Laan|Kade|Gade|Vej))[ ]+(?:No\.?:?[ ]*)?\d{1,4}[a-z]?(?:[ ]?[-–][ ]?\d{1,4})?\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex CompoundStreet();

    // Japanese block addresses written in Latin letters: "1-9-1 Marunouchi".
    [GeneratedRegex(@"(?<![\p{L}\p{N}-])\d{1,4}-\d{1,4}(?:-\d{1,4})?[ ]+\p{Lu}\p{Ll}+(?=,)", RegexOptions.CultureInvariant)]
    private static partial Regex JapaneseBlock();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:P\.?[ ]?O\.?[ ]?Box|Post(?:al)?[ ]Box|Postfach|Postbus|Apartado(?:[ ]de[ ]Correos)?|Casella[ ]postale|Boîte[ ]postale|Caixa[ ]Postal)[ ]+\d[\d ]{0,10}\d\b|(?<![\p{L}\p{N}])P\.?[ ]?O\.?[ ]?Box[ ]+\d\b",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PostBox();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])" + Word + @"(?:[ ]+(?:(?:de|den|der|di|da|la|le|van|von)[ ]+)?" + Word + @"){0,2}[ ]+\d{1,4}[a-z]?(?=,[ ]*(?:\d{4,5}|\d{3}[ ]\d{2}|\d{2}-\d{3})[ ]\p{Lu}|\n(?:\d{4,5}|\d{3}[ ]\d{2})[ ]\p{Lu})",
        RegexOptions.CultureInvariant)]
    private static partial Regex NameThenNumber();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:Flat|Plot|Unit|Level|Suite|Apt\.?|Apartment|Block|Building)[ ]+[\p{L}\p{N}-]{1,6}(?=,[ ]*(?:\p{Lu}|\d))",
        RegexOptions.CultureInvariant)]
    private static partial Regex UnitOnly();

    // A unit, floor or plot in front of a street: "Level 12, ", "Flat 4B, ", "Unit 7, Riverside Business Park, ".
    [GeneratedRegex(
        @"(?:(?<![\p{L}\p{N}])(?:Flat|Plot|Unit|Level|Suite|Apt\.?|Apartment|Floor|Block|Building|Sector)[ ]+[\p{L}\p{N}-]{1,6},[ ]*(?:" + Word + @"(?:[ ]+" + Word + @"){0,3},[ ]*)?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex UnitPrefix();

    [GeneratedRegex(@"\G(?:[ ]*,[ ]*|[ ]*\n[ \t]*|[ ]+[-–][ ]+|[ ]+(?=#|(?:Suite|Ste\.?|Unit|Apt\.?|Floor|Level)[ ]))", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    // One part of the tail: a unit, a postcode with or without a town, a town or district with or without a state and
    // postcode, or a state with a postcode.
    [GeneratedRegex(
        @"\G(?:(?:Suite|Ste\.?|Unit|Apt\.?|Floor|Level|Room|#)[ ]*[\p{L}\p{N}-]{1,8}|" +
        @"(?:" + PostcodeForms + @")(?:[ ]+" + Word + @"(?:[ ]+(?:" + Particle + @"[ ]+)?" + Word + @"){0,3}(?:[ ]+\p{Lu}\b)?)?|" +
        @"\d{1,3}(?:st|nd|rd|th)[ ]+" + Word + @"(?:[ ]+" + Word + @"){0,2}|" +
        @"(?:Col\.[ ]+)?" + Word + @"(?:[ ]+(?:" + Particle + @"[ ]+)?" + Word + @"){0,3}(?:[ ]+\d{1,2}(?![\d-]))?(?:[ ]*[-–][ ]*[A-Z]{2}\b)?(?:[ ]+(?:[A-Z]{2,3}[ ]+)?(?:" + PostcodeForms + @"))?|" +
        @"[A-Z]{2,3}[ ]+(?:" + PostcodeForms + @"))(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    private const string PostcodeForms =
        @"[A-Z]{1,2}\d[A-Z\d]?[ ]\d[A-Z]{2}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d|[A-Z]\d{2}[ ][A-Z\d]{4}|\d{4}[ ]?[A-Z]{2}(?![\p{L}])|\d{5}-\d{3}|\d{3}-\d{4}|\d{2}-\d{3}|\d{3}[ ]\d{2}(?!\d)|\d{4,6}(?:-\d{4})?";

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:" + PostcodeForms + @")(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Postcode();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();
}
