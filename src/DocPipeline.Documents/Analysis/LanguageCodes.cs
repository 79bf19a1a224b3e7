namespace DocPipeline.Documents.Analysis;

/// <summary>Language codes used in <see cref="DocumentAnalysis.Language"/>.</summary>
public static class LanguageCodes
{
    /// <summary>The code for a language that could not be determined (from ISO 639-2, as ISO 639-1 has none).</summary>
    public const string Undetermined = "und";
}
