using System.Text.RegularExpressions;

namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Cryptocurrency wallets: Ethereum (<c>0x</c> + 40 hex), Bitcoin bech32 (<c>bc1…</c>) and Bitcoin legacy addresses
/// whose Base58Check checksum is valid.
/// </summary>
internal static partial class CryptoWalletDetector
{
    public static void Find(string text, List<PiiCandidate> sink)
    {
        foreach (Match m in Ethereum().Matches(text))
        {
            sink.Add(new PiiCandidate(PiiType.CryptoWallet, m.Index, m.Length, m.Value.ToLowerInvariant()));
        }

        foreach (Match m in Bech32().Matches(text))
        {
            sink.Add(new PiiCandidate(PiiType.CryptoWallet, m.Index, m.Length, m.Value));
        }

        foreach (Match m in Base58().Matches(text))
        {
            if (Checksums.Base58Check(m.Value))
            {
                sink.Add(new PiiCandidate(PiiType.CryptoWallet, m.Index, m.Length, m.Value));
            }
        }
    }

    [GeneratedRegex(@"\b0x[0-9a-fA-F]{40}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Ethereum();

    [GeneratedRegex(@"\b(?:bc1|tb1)[02-9ac-hj-np-z]{11,71}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Bech32();

    [GeneratedRegex(@"\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Base58();
}
