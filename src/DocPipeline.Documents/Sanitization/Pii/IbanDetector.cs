using System.Text;
using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// IBANs written compact or in groups of four. The country's registered length decides where the IBAN ends, so a
/// following word in capitals is not swallowed, and the mod-97 check rejects look-alikes.
/// </summary>
internal static partial class IbanDetector
{
    public static void Find(string text, List<PiiCandidate> sink)
    {
        foreach (Match m in IbanStart().Matches(text))
        {
            if (!IbanRegistry.TryGetLength(m.ValueSpan[..2], out var expected))
            {
                continue;
            }

            var compact = new StringBuilder(expected);
            var i = m.Index;
            var end = i;
            while (i < text.Length && compact.Length < expected)
            {
                var c = text[i];
                if (c is >= 'A' and <= 'Z' or >= '0' and <= '9')
                {
                    compact.Append(c);
                    i++;
                    end = i;
                }
                else if (c == ' ' && compact.Length >= 4 && i + 1 < text.Length && text[i + 1] != ' ')
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            if (compact.Length != expected || (end < text.Length && char.IsLetterOrDigit(text[end])))
            {
                continue;
            }

            var value = compact.ToString();
            if (Checksums.IbanMod97(value))
            {
                sink.Add(new PiiCandidate(PiiType.Iban, m.Index, end - m.Index, value));
            }
        }
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?= ?[A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IbanStart();
}
