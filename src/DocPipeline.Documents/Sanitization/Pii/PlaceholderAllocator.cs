using System.Globalization;
using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Hands out <c>[LABEL_n]</c> placeholders: the same value gets the same placeholder throughout a document, and
/// numbering starts after any placeholder already present in the text so that re-sanitizing never merges two
/// different values under one name.
/// </summary>
internal sealed partial class PlaceholderAllocator
{
    private readonly Dictionary<(PiiType Type, string Key), string> assigned = [];
    private readonly Dictionary<PiiType, int> next = [];

    public PlaceholderAllocator(string text)
    {
        foreach (Match m in ExistingPlaceholder().Matches(text))
        {
            if (PiiTypeExtensions.TryParsePlaceholderLabel(m.Groups["label"].Value, out var type) &&
                int.TryParse(m.Groups["n"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                next[type] = Math.Max(next.GetValueOrDefault(type), n);
            }
        }
    }

    public string PlaceholderFor(PiiType type, string key)
    {
        if (assigned.TryGetValue((type, key), out var existing))
        {
            return existing;
        }

        var n = next.GetValueOrDefault(type) + 1;
        next[type] = n;
        var placeholder = string.Create(CultureInfo.InvariantCulture, $"[{type.ToPlaceholderLabel()}_{n}]");
        assigned[(type, key)] = placeholder;
        return placeholder;
    }

    [GeneratedRegex(@"\[(?<label>[A-Z_]+)_(?<n>\d{1,9})\]", RegexOptions.CultureInvariant)]
    private static partial Regex ExistingPlaceholder();
}
