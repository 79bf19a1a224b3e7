using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

internal static partial class EmailDetector
{
    public static void Find(string text, List<PiiCandidate> sink)
    {
        if (!text.Contains('@', StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match m in Email().Matches(text))
        {
            sink.Add(new PiiCandidate(PiiType.Email, m.Index, m.Length, m.Value.ToLowerInvariant()));
        }
    }

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}._%+\-@])[\p{L}\p{N}](?:[\p{L}\p{N}._%+\-]{0,63}[\p{L}\p{N}_%+\-])?@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}\-@]|\.[\p{L}\p{N}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
