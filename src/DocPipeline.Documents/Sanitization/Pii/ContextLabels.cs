using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Labels right before a number ("Tel:", "Order #", "version") that say what kind of number follows. Each pattern is
/// anchored at the end of the preceding text so that only a label immediately before the number counts.
/// </summary>
internal static partial class ContextLabels
{
    public static bool IsPhoneLabel(string before) => PhoneLabel().IsMatch(before);

    public static bool IsOtherNumberLabel(string before) => OtherNumberLabel().IsMatch(before) || NumberSign().IsMatch(before);

    /// <summary>A bare "number"/"no." right before the digits: not specific, so only weaker shapes (phones) yield to it.</summary>
    public static bool IsGenericNumberLabel(string before) => GenericNumberLabel().IsMatch(before);

    public static bool IsVersionLabel(string before) => VersionLabel().IsMatch(before);

    [GeneratedRegex(
        @"(?i)(?:\b(?:tel|tél|phone|telephone|tele|mobile|mob|cell|cellphone|fax|telefon|téléphone|teléfono|telefono|telefoon|móvil|movil|portable|handy|hotline|whatsapp|sms)\b(?:\s*(?:no|nr|number|num)\b)?\.?|\b(?:call|ring|text|reach|dial|contact)\b(?:\s+\p{L}+){0,2}|(?:^|\s)[tmfp]\.?)[^\p{L}\d\n]{0,6}$",
        RegexOptions.CultureInvariant)]
    private static partial Regex PhoneLabel();

    [GeneratedRegex(
        @"(?i)\b(?:order|invoice|inv|isbn|issn|tracking|serial|sku|ticket|case|ref|reference|account|acct|routing|policy|claim|item|part|model|lot|batch|transaction|txn|confirmation|booking|member|customer|po|receipt|id|version|ver|build|code|zip|postcode|vat|tax|iban|swift|bic|shipment|parcel|article|art|product|contract|patent|application|registration|reg|license|licence|loan)\b(?:\s*(?:no|nr|number|num|id|#)\b)?\.?[^\p{L}\d\n]{0,6}$",
        RegexOptions.CultureInvariant)]
    private static partial Regex OtherNumberLabel();

    [GeneratedRegex(@"(?i)\b(?:number|no|nr|num)\b\.?[^\p{L}\d\n]{0,6}$", RegexOptions.CultureInvariant)]
    private static partial Regex GenericNumberLabel();

    [GeneratedRegex(@"(?:[#№]|\bn[°º])\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberSign();

    [GeneratedRegex(
        @"(?i)(?:\b(?:version|ver|build|release|firmware|fw|sdk|rev|revision|update|patch|package|pkg|driver|kernel|bios|app|nuget|npm|assembly|assemblyversion|fileversion|productversion)\b[^\p{L}\d\n]{0,4}|(?<![\p{L}])v\.?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex VersionLabel();
}
