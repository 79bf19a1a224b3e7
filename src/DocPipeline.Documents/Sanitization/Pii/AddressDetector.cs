using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Postal addresses. A match starts from a core that only addresses have (a house number next to a street word in
/// the orders used across Europe, the Americas, Asia and Africa, a PO box, or a street and number followed by a
/// postcode) and grows over the unit, district, town, state and postcode parts around it, on the same line after
/// commas or on the following lines of an address block. A country name ends the address and stays.
/// </summary>
internal static partial class AddressDetector
{
    private const int MaxParts = 6;

    public static void Find(string text, List<PiiCandidate> sink)
    {
        var spans = new List<(int Start, int End)>();
        foreach (var core in Cores(text))
        {
            var start = ExtendBackward(text, core.Start);
            var end = ExtendForward(text, core.End, core.NeedsPostcode, out var hasPostcode);
            if (core.NeedsPostcode && !hasPostcode)
            {
                continue;
            }

            spans.Add((start, end));
        }

        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<(int Start, int End)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        foreach (var (start, end) in merged)
        {
            var value = text[start..end];
            sink.Add(new PiiCandidate(PiiType.Address, start, end - start, Whitespace().Replace(value, " ").ToLowerInvariant()));
        }
    }

    private static IEnumerable<(int Start, int End, bool NeedsPostcode)> Cores(string text)
    {
        foreach (var regex in new[] { NumberThenStreet(), FrenchStreet(), StreetTypeThenNumber(), CompoundStreet(), JapaneseBlock(), PostBox() })
        {
            foreach (Match m in regex.Matches(text))
            {
                yield return (m.Index, m.Index + m.Length, false);
            }
        }

        // Street names with no street word ("Unter den Linden 21", "Damrak 70") or a unit with no street
        // ("Plot 22, Sector 18, …") count only when a postcode follows.
        foreach (Match m in NameThenNumber().Matches(text))
        {
            yield return (m.Index, m.Index + m.Length, true);
        }

        foreach (Match m in UnitOnly().Matches(text))
        {
            yield return (m.Index, m.Index + m.Length, true);
        }
    }

    private static int ExtendBackward(string text, int start)
    {
        while (true)
        {
            var before = TextContext.Before(text, start, 80);
            var m = UnitPrefix().Match(before);
            if (!m.Success || m.Length == 0)
            {
                return start;
            }

            start -= m.Length;
        }
    }

    private static int ExtendForward(string text, int end, bool needsPostcode, out bool hasPostcode)
    {
        hasPostcode = false;
        var lastWithPostcode = -1;
        var accepted = new List<int>();
        var position = end;
        for (var parts = 0; parts < MaxParts; parts++)
        {
            var sep = Separator().Match(text, position);
            if (!sep.Success)
            {
                break;
            }

            var newline = sep.Value.Contains('\n', StringComparison.Ordinal);
            var part = Part().Match(text, sep.Index + sep.Length);
            if (!part.Success || part.Index != sep.Index + sep.Length)
            {
                break;
            }

            var partEnd = part.Index + part.Length;
            var value = part.Value;
            if (NameLexicon.Instance.IsCountry(value) || (value.Length <= 3 && value.All(char.IsAsciiLetterUpper)))
            {
                break;
            }

            var withPostcode = Postcode().IsMatch(value);

            // On a new line the part must fill the line (or be followed by a comma); in running text a part without a
            // postcode must end the clause, so "… Street, John and Mary" does not take "John".
            var rest = TextContext.After(text, partEnd, 3);
            if (newline && rest.Length > 0 && rest[0] != ',' && rest.Trim().Length > 0)
            {
                break;
            }

            if (!withPostcode && !newline && rest.Length > 0 && rest[0] is not (',' or '.' or ';' or ':' or ')'))
            {
                break;
            }

            accepted.Add(partEnd);
            if (withPostcode)
            {
                lastWithPostcode = partEnd;
                hasPostcode = true;
            }

            position = partEnd;
        }

        if (lastWithPostcode > 0)
        {
            return lastWithPostcode;
        }

        return needsPostcode || accepted.Count == 0 ? end : accepted[^1];
    }
}
