using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// IPv4 (four octets 0–255 without leading zeros) and IPv6 (validated by <see cref="IPAddress.TryParse(string, out IPAddress)"/>).
/// A dotted quad right after a version label (<c>version 1.2.3.4</c>, <c>v1.2.3.4</c>, <c>build 10.0.19045.1</c>) is a
/// version, not an address; three-part and five-part dotted numbers never match.
/// </summary>
internal static partial class IpAddressDetector
{
    public static void Find(string text, List<PiiCandidate> sink)
    {
        foreach (Match m in Ipv4().Matches(text))
        {
            if (m.Value.Split('.').All(IsOctet) && !ContextLabels.IsVersionLabel(TextContext.Before(text, m.Index, 30)))
            {
                sink.Add(new PiiCandidate(PiiType.IpAddress, m.Index, m.Length, m.Value));
            }
        }

        if (!text.Contains(':', StringComparison.Ordinal))
        {
            return;
        }

        foreach (Match m in Ipv6().Matches(text))
        {
            var value = m.Value;
            if (IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 && IsSubstantial(value))
            {
                sink.Add(new PiiCandidate(PiiType.IpAddress, m.Index, m.Length, address.ToString()));
            }
        }
    }

    private static bool IsOctet(string part) =>
        part.Length is >= 1 and <= 3 && (part.Length == 1 || part[0] != '0') && int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) <= 255;

    /// <summary>Rejects short hex-and-colon strings such as <c>a::b</c> that parse as IPv6 but read as prose or code.</summary>
    private static bool IsSubstantial(string value)
    {
        var groups = value.Split(':', StringSplitOptions.RemoveEmptyEntries);
        var hexDigits = value.Count(Uri.IsHexDigit);
        return groups.Length >= 3 || (value.Contains("::", StringComparison.Ordinal) && hexDigits >= 4);
    }

    [GeneratedRegex(@"(?<![\w.\-])(?:\d{1,3}\.){3}\d{1,3}(?![\w\-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();

    [GeneratedRegex(
        @"(?<![\w:.])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?(?:%[0-9A-Za-z]+)?(?![\w:]|\.\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6();
}
