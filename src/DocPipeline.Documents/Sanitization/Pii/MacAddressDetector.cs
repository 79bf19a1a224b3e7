using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>MAC addresses as six hex pairs joined by a consistent <c>:</c> or <c>-</c>, or Cisco-style <c>0011.2233.4455</c>.</summary>
internal static partial class MacAddressDetector
{
    public static void Find(string text, List<PiiCandidate> sink)
    {
        foreach (Match m in Pairs().Matches(text))
        {
            sink.Add(new PiiCandidate(PiiType.MacAddress, m.Index, m.Length, Key(m.Value)));
        }

        foreach (Match m in Dotted().Matches(text))
        {
            if (m.Value.Any(char.IsAsciiDigit))
            {
                sink.Add(new PiiCandidate(PiiType.MacAddress, m.Index, m.Length, Key(m.Value)));
            }
        }
    }

    private static string Key(string value) => new(value.Where(Uri.IsHexDigit).Select(char.ToLowerInvariant).ToArray());

    [GeneratedRegex(@"(?<![\w:\-])[0-9A-Fa-f]{2}(?<s>[:\-])(?:[0-9A-Fa-f]{2}\k<s>){4}[0-9A-Fa-f]{2}(?![\w:\-])", RegexOptions.CultureInvariant)]
    private static partial Regex Pairs();

    [GeneratedRegex(@"(?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w]|\.\w)", RegexOptions.CultureInvariant)]
    private static partial Regex Dotted();
}
