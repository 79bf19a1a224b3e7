using System.Text;
using DocPipeline.Documents.Sanitization.Cleaning;

namespace DocPipeline.Documents.Validation;

/// <summary>
/// Normalisation for "does this quote occur in the source": Unicode compatibility folding, lower case, typographic
/// quotes and dashes made plain, invisible characters dropped and whitespace collapsed.
/// </summary>
internal static class GroundingText
{
    public static string Normalize(string text)
    {
        var folded = UnicodeFolding.Fold(text);
        var sb = new StringBuilder(folded.Length);
        var space = false;
        foreach (var raw in folded)
        {
            var c = raw switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '`' or '\u00B4' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => '"',
                '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' => '-',
                _ => raw,
            };

            if (c == '\u00AD' || UnicodeFolding.IsInvisibleFormatting(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
