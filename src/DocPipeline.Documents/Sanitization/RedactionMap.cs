using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization;

/// <summary>
/// The link between redacted values and their placeholders for one document. It holds personal data, so it is
/// kept in memory only: it exposes no serialisable properties, <see cref="ToString"/> prints the entry count and
/// nothing else, and System.Text.Json refuses to read it back (writing yields an opaque marker string).
/// </summary>
[JsonConverter(typeof(RedactionMapJsonConverter))]
public sealed partial class RedactionMap
{
    private readonly Dictionary<string, string> placeholderByOriginal = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> originalByPlaceholder = new(StringComparer.Ordinal);

    /// <summary>An empty map, as returned when nothing was redacted.</summary>
    public static RedactionMap Empty { get; } = new();

    /// <summary>Number of distinct placeholders.</summary>
    [JsonIgnore]
    public int Count => originalByPlaceholder.Count;

    /// <summary>Looks up the placeholder that replaced a value in this document.</summary>
    /// <param name="original">The value exactly as it appeared in the source text.</param>
    /// <param name="placeholder">The placeholder, for example <c>[EMAIL_1]</c>.</param>
    /// <returns><see langword="true"/> when the value was redacted.</returns>
    public bool TryGetPlaceholder(string original, [NotNullWhen(true)] out string? placeholder) =>
        placeholderByOriginal.TryGetValue(original, out placeholder);

    /// <summary>Looks up the first value that a placeholder replaced.</summary>
    /// <param name="placeholder">A placeholder such as <c>[PHONE_2]</c>.</param>
    /// <param name="original">The value as it first appeared in the source text.</param>
    /// <returns><see langword="true"/> when the placeholder belongs to this map.</returns>
    public bool TryGetOriginal(string placeholder, [NotNullWhen(true)] out string? original) =>
        originalByPlaceholder.TryGetValue(placeholder, out original);

    /// <summary>Replaces every placeholder of this map found in <paramref name="text"/> with its original value.</summary>
    /// <param name="text">Text such as a model answer about the sanitized document.</param>
    /// <returns>The text with known placeholders restored; unknown placeholders are left as they are.</returns>
    public string Restore(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Count == 0)
        {
            return text;
        }

        return PlaceholderPattern().Replace(text, m => originalByPlaceholder.TryGetValue(m.Value, out var o) ? o : m.Value);
    }

    /// <summary>Describes the map without revealing any value.</summary>
    /// <returns>A string with the number of entries only.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder("RedactionMap { Count = ");
        sb.Append(Count).Append(" }");
        return sb.ToString();
    }

    internal void Add(string original, string placeholder)
    {
        placeholderByOriginal.TryAdd(original, placeholder);
        originalByPlaceholder.TryAdd(placeholder, original);
    }

    [GeneratedRegex(@"\[[A-Z_]+_\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
