namespace DocPipeline.Documents.Analysis.Text;

/// <summary>
/// A date written in a text. <see cref="Candidates"/> holds every calendar reading of it: one for unambiguous forms,
/// two for forms such as <c>03/04/2024</c> that may be day-first or month-first.
/// </summary>
internal sealed record DateMention(int Start, int Length, IReadOnlyList<DateOnly> Candidates, bool MonthOnly)
{
    public int End => Start + Length;

    /// <summary>ISO 8601 form (<c>yyyy-MM-dd</c>, or <c>yyyy-MM</c> for a month) when the reading is unambiguous.</summary>
    public string? Iso => Candidates.Count != 1
        ? null
        : MonthOnly
            ? Candidates[0].ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)
            : Candidates[0].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
