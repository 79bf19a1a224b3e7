namespace DocPipeline.Documents.Sanitization.Pii;

/// <summary>
/// Runs every detector and keeps a non-overlapping set of findings. When findings overlap, the more specific kind
/// wins (a private key over the password inside it, an IBAN over the digits a phone pattern saw in it), then the
/// longer finding.
/// </summary>
internal static class PiiScanner
{
    private static readonly PiiType[] Priority =
    [
        PiiType.Secret, PiiType.UrlCredentials, PiiType.Email, PiiType.Iban, PiiType.Card, PiiType.CryptoWallet,
        PiiType.DateOfBirth, PiiType.Passport, PiiType.Ssn, PiiType.NationalId, PiiType.MacAddress, PiiType.IpAddress,
        PiiType.Address, PiiType.Phone, PiiType.Person,
    ];

    private static readonly Action<string, List<PiiCandidate>>[] Detectors =
    [
        SecretDetector.Find, UrlCredentialDetector.Find, EmailDetector.Find, IbanDetector.Find, CardDetector.Find,
        CryptoWalletDetector.Find, LabelledIdDetector.Find, SsnDetector.Find, NationalIdDetector.Find,
        MacAddressDetector.Find, IpAddressDetector.Find, PhoneDetector.Find, AddressDetector.Find, PersonNameDetector.Find,
    ];

    public static List<PiiCandidate> Scan(string text, IReadOnlySet<PiiType>? enabled)
    {
        var candidates = new List<PiiCandidate>();
        foreach (var find in Detectors)
        {
            find(text, candidates);
        }

        if (enabled is not null)
        {
            candidates.RemoveAll(c => !enabled.Contains(c.Type));
        }

        candidates.RemoveAll(c => c.Length == 0);
        candidates.Sort((a, b) =>
        {
            var byPriority = Array.IndexOf(Priority, a.Type).CompareTo(Array.IndexOf(Priority, b.Type));
            if (byPriority != 0)
            {
                return byPriority;
            }

            return a.Length != b.Length ? b.Length.CompareTo(a.Length) : a.Start.CompareTo(b.Start);
        });

        var accepted = new List<PiiCandidate>();
        var covered = new System.Collections.BitArray(text.Length);
        foreach (var candidate in candidates)
        {
            var free = true;
            for (var i = candidate.Start; i < candidate.End && free; i++)
            {
                free = !covered[i];
            }

            if (free)
            {
                for (var i = candidate.Start; i < candidate.End; i++)
                {
                    covered[i] = true;
                }

                accepted.Add(candidate);
            }
        }

        accepted.Sort((a, b) => a.Start.CompareTo(b.Start));
        return accepted;
    }
}
