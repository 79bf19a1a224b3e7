namespace DocPipeline.Documents.Analysis;

/// <summary>Values allowed in <see cref="DocumentAnalysis.DocumentType"/>.</summary>
public static class DocumentTypes
{
    /// <summary>Invoice, bill or receipt.</summary>
    public const string Invoice = "invoice";

    /// <summary>Contract or agreement.</summary>
    public const string Contract = "contract";

    /// <summary>Report, study or analysis.</summary>
    public const string Report = "report";

    /// <summary>E-mail message.</summary>
    public const string Email = "email";

    /// <summary>Letter.</summary>
    public const string Letter = "letter";

    /// <summary>Résumé or CV.</summary>
    public const string Resume = "resume";

    /// <summary>Policy, guideline or procedure.</summary>
    public const string Policy = "policy";

    /// <summary>Anything else.</summary>
    public const string Other = "other";

    /// <summary>Every allowed value, in schema order.</summary>
    public static IReadOnlyList<string> All { get; } = [Invoice, Contract, Report, Email, Letter, Resume, Policy, Other];
}
