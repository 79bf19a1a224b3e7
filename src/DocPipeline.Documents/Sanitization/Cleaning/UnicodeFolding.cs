using System.Text;

namespace DocPipeline.Documents.Sanitization.Cleaning;

/// <summary>
/// A fixed subset of NFKC/NFC that works without ICU: compatibility characters whose folding is harmless, and
/// composition of common Latin letters with combining marks.
/// </summary>
internal static class UnicodeFolding
{
    private static readonly Dictionary<(char Letter, char Mark), char> Compositions = BuildCompositions();

    public static bool IsInvisibleFormatting(char c) => c switch
    {
        '\u200B' or '\u2060' or '\uFEFF' or '\u180E' => true,
        // Bidirectional overrides can make text read differently from how it is stored.
        '\u200E' or '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    public static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029' or '\v';

    /// <summary>Appends the folded form of <paramref name="c"/>; returns false when the character has no folding.</summary>
    public static bool TryAppendFolded(StringBuilder sb, char c)
    {
        switch (c)
        {
            case >= '\uFF01' and <= '\uFF5E':
                sb.Append((char)(c - 0xFEE0));
                return true;
            case '\u00A0' or '\u1680' or '\u202F' or '\u205F' or '\u3000':
            case >= '\u2000' and <= '\u200A':
                sb.Append(' ');
                return true;
            case '\u2026':
                sb.Append("...");
                return true;
            case '\uFB00':
                sb.Append("ff");
                return true;
            case '\uFB01':
                sb.Append("fi");
                return true;
            case '\uFB02':
                sb.Append("fl");
                return true;
            case '\uFB03':
                sb.Append("ffi");
                return true;
            case '\uFB04':
                sb.Append("ffl");
                return true;
            case '\uFB05' or '\uFB06':
                sb.Append("st");
                return true;
            default:
                return false;
        }
    }

    /// <summary>Composes a base letter already in <paramref name="sb"/> with a following combining mark when possible.</summary>
    public static bool TryCompose(StringBuilder sb, char mark)
    {
        if (sb.Length == 0 || mark is < '\u0300' or > '\u036F')
        {
            return false;
        }

        if (Compositions.TryGetValue((sb[^1], mark), out var composed))
        {
            sb[^1] = composed;
            return true;
        }

        return false;
    }

    /// <summary>Folds a whole string (used where text is compared rather than cleaned, e.g. grounding).</summary>
    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!TryAppendFolded(sb, c) && !TryCompose(sb, c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static Dictionary<(char, char), char> BuildCompositions()
    {
        // Each entry: combining mark, then pairs of (base letter, precomposed letter).
        (char Mark, string Pairs)[] table =
        [
            ('\u0300', "AÀEÈIÌOÒUÙaàeèiìoòuù"),
            ('\u0301', "AÁEÉIÍOÓUÚYÝaáeéiíoóuúyýCĆcćNŃnńSŚsśZŹzźLĹlĺRŔrŕGǴgǵ"),
            ('\u0302', "AÂEÊIÎOÔUÛaâeêiîoôuûCĈcĉGĜgĝHĤhĥJĴjĵSŜsŝWŴwŵYŶyŷ"),
            ('\u0303', "AÃNÑOÕaãnñoõIĨiĩUŨuũ"),
            ('\u0304', "AĀaāEĒeēIĪiīOŌoōUŪuū"),
            ('\u0306', "AĂaăGĞgğUŬuŭ"),
            ('\u0307', "ZŻzżGĠgġEĖeėCĊcċIİ"),
            ('\u0308', "AÄEËIÏOÖUÜYŸaäeëiïoöuüyÿ"),
            ('\u030A', "AÅaåUŮuů"),
            ('\u030B', "OŐoőUŰuű"),
            ('\u030C', "CČcčDĎdďEĚeěNŇnňRŘrřSŠsšTŤtťZŽzž"),
            ('\u0327', "CÇcçSŞsşTŢtţGĢgģKĶkķLĻlļNŅnņRŖrŗ"),
            ('\u0328', "AĄaąEĘeęIĮiįUŲuų"),
        ];

        var map = new Dictionary<(char, char), char>();
        foreach (var (mark, pairs) in table)
        {
            for (var i = 0; i + 1 < pairs.Length; i += 2)
            {
                map[(pairs[i], mark)] = pairs[i + 1];
            }
        }

        return map;
    }
}
