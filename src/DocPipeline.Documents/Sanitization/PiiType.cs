namespace DocPipeline.Documents.Sanitization;

/// <summary>
/// Kinds of personal or secret data the sanitizer recognises. Each kind has a placeholder label, for example
/// <see cref="Email"/> becomes <c>[EMAIL_1]</c>; see <see cref="PiiTypeExtensions.ToPlaceholderLabel"/>.
/// </summary>
public enum PiiType
{
    /// <summary>E-mail address (<c>EMAIL</c>).</summary>
    Email,

    /// <summary>Telephone number in international or common national formats (<c>PHONE</c>).</summary>
    Phone,

    /// <summary>Payment card number, 13–19 digits, Luhn-checked with a known issuer prefix (<c>CARD</c>).</summary>
    Card,

    /// <summary>International bank account number, country length and mod-97 checked (<c>IBAN</c>).</summary>
    Iban,

    /// <summary>US social security number that satisfies the area/group/serial rules (<c>SSN</c>).</summary>
    Ssn,

    /// <summary>IPv4 or IPv6 address (<c>IP</c>).</summary>
    IpAddress,

    /// <summary>
    /// Credential material: cloud and API keys, tokens, JWTs, PEM private keys, password or key assignments,
    /// storage account keys and SAS signatures (<c>SECRET</c>).
    /// </summary>
    Secret,

    /// <summary>The <c>user:password</c> part of a URL such as <c>https://user:pw@host/</c> (<c>URL_CREDENTIALS</c>).</summary>
    UrlCredentials,

    /// <summary>A date that a label marks as a date of birth (<c>DOB</c>).</summary>
    DateOfBirth,

    /// <summary>A passport number that follows a passport label (<c>PASSPORT</c>).</summary>
    Passport,

    /// <summary>UK National Insurance number (<c>NATIONAL_ID</c>).</summary>
    NationalId,

    /// <summary>Network hardware (MAC) address (<c>MAC</c>).</summary>
    MacAddress,

    /// <summary>Bitcoin (checksum-verified) or Ethereum wallet address (<c>CRYPTO_WALLET</c>).</summary>
    CryptoWallet,

    /// <summary>
    /// A person's name, with any title that goes with it ("Ms Tanaka"), in running text, salutations, signatures,
    /// name fields, e-mail display names and lists of people (<c>PERSON</c>). Later short mentions of a person
    /// ("Priya", "P. Tanaka") share the placeholder of the full mention.
    /// </summary>
    Person,

    /// <summary>
    /// A postal address: street and house number, PO box or unit, with the postcode and town that follow it, on one
    /// line or as a block of lines (<c>ADDRESS</c>). A country name after the address is not part of it.
    /// </summary>
    Address,
}
