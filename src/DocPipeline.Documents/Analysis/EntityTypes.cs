namespace DocPipeline.Documents.Analysis;

/// <summary>Values allowed in <see cref="AnalysisEntity.Type"/>.</summary>
public static class EntityTypes
{
    /// <summary>A person.</summary>
    public const string Person = "person";

    /// <summary>A company, authority or other organisation.</summary>
    public const string Organization = "organization";

    /// <summary>A place or address.</summary>
    public const string Location = "location";

    /// <summary>A date.</summary>
    public const string Date = "date";

    /// <summary>A monetary amount.</summary>
    public const string Money = "money";

    /// <summary>An e-mail address or an <c>[EMAIL_n]</c> placeholder.</summary>
    public const string Email = "email";

    /// <summary>A phone number or a <c>[PHONE_n]</c> placeholder.</summary>
    public const string Phone = "phone";

    /// <summary>A web address.</summary>
    public const string Url = "url";

    /// <summary>An account, card, document or network identifier, or a placeholder for one.</summary>
    public const string Identifier = "identifier";

    /// <summary>Anything else worth naming (products, projects, laws…).</summary>
    public const string Other = "other";

    /// <summary>Every allowed value, in schema order.</summary>
    public static IReadOnlyList<string> All { get; } = [Person, Organization, Location, Date, Money, Email, Phone, Url, Identifier, Other];
}
