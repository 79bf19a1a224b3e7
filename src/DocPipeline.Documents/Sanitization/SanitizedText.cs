using System.Text.Json.Serialization;

namespace DocPipeline.Documents.Sanitization;

/// <summary>The outcome of <see cref="TextSanitizer.Sanitize(string)"/>.</summary>
public sealed record SanitizedText
{
    /// <summary>The cleaned text with every detected value replaced by a typed placeholder such as <c>[EMAIL_1]</c>.</summary>
    public required string Text { get; init; }

    /// <summary>
    /// Number of redacted occurrences per placeholder label (<c>EMAIL</c>, <c>PHONE</c>, …); labels with no
    /// occurrence are absent. Counts say nothing about the values, so they may be logged.
    /// </summary>
    public required IReadOnlyDictionary<string, int> RedactionCounts { get; init; }

    /// <summary>
    /// Placeholder ↔ value links for this document. Never serialised (it is ignored by System.Text.Json and its own
    /// <see cref="RedactionMap.ToString"/> prints only a count); after a JSON round trip this is <see cref="RedactionMap.Empty"/>.
    /// </summary>
    [JsonIgnore]
    public RedactionMap Placeholders { get; init; } = RedactionMap.Empty;

    /// <summary>Total number of redacted occurrences.</summary>
    [JsonIgnore]
    public int TotalRedactions => RedactionCounts.Values.Sum();
}
