using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>Finds the <c>user:password</c> part of URLs; the scheme and host stay readable.</summary>
internal static partial class UrlCredentialDetector
{
    public static void Find(string text, List<PiiCandidate> sink)
    {
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match m in UrlWithCredentials().Matches(text))
        {
            var cred = m.Groups["cred"];
            sink.Add(new PiiCandidate(PiiType.UrlCredentials, cred.Index, cred.Length, cred.Value));
        }
    }

    [GeneratedRegex(
        @"\b[a-zA-Z][a-zA-Z0-9+.\-]{1,15}://(?<cred>[^\s:/@?#\[\]]{1,128}:[^\s/@?#]{1,256})@[^\s@]",
        RegexOptions.CultureInvariant)]
    private static partial Regex UrlWithCredentials();
}
