namespace DocPipeline.Documents.Sanitization;

/// <summary>Conversions between <see cref="PiiType"/> and the labels used inside placeholders.</summary>
public static class PiiTypeExtensions
{
    /// <summary>The label used in placeholders and in <see cref="SanitizedText.RedactionCounts"/>, e.g. <c>EMAIL</c>.</summary>
    /// <param name="type">The kind of data.</param>
    /// <returns>An upper-case label made of letters and underscores.</returns>
    public static string ToPlaceholderLabel(this PiiType type) => type switch
    {
        PiiType.Email => "EMAIL",
        PiiType.Phone => "PHONE",
        PiiType.Card => "CARD",
        PiiType.Iban => "IBAN",
        PiiType.Ssn => "SSN",
        PiiType.IpAddress => "IP",
        PiiType.Secret => "SECRET",
        PiiType.UrlCredentials => "URL_CREDENTIALS",
        PiiType.DateOfBirth => "DOB",
        PiiType.Passport => "PASSPORT",
        PiiType.NationalId => "NATIONAL_ID",
        PiiType.MacAddress => "MAC",
        PiiType.CryptoWallet => "CRYPTO_WALLET",
        PiiType.Person => "PERSON",
        PiiType.Address => "ADDRESS",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown PII type."),
    };

    /// <summary>Parses a placeholder label such as <c>IBAN</c> back to its <see cref="PiiType"/>.</summary>
    /// <param name="label">The label, case-sensitive.</param>
    /// <param name="type">The kind of data when the label is known.</param>
    /// <returns><see langword="true"/> when <paramref name="label"/> is a known label.</returns>
    public static bool TryParsePlaceholderLabel(string? label, out PiiType type)
    {
        foreach (var candidate in Enum.GetValues<PiiType>())
        {
            if (string.Equals(candidate.ToPlaceholderLabel(), label, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
