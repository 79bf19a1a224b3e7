using System.Net;

namespace DocPipeline.Messaging.EventGrid;

/// <summary>Finds the container and blob name in an event subject or a blob URL.</summary>
internal sealed record BlobLocation(string Container, string BlobName, string? AccountName)
{
    private const string SubjectPrefix = "/blobServices/default/containers/";
    private const string BlobsMarker = "/blobs/";
    private const int MaxBlobNameLength = 1024;

    public static BlobLocation? FromSubject(string? subject)
    {
        if (subject is null || !subject.StartsWith(SubjectPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = subject[SubjectPrefix.Length..];
        var marker = rest.IndexOf(BlobsMarker, StringComparison.Ordinal);
        if (marker <= 0)
        {
            return null;
        }

        var container = rest[..marker];
        var name = Uri.UnescapeDataString(rest[(marker + BlobsMarker.Length)..]);
        return IsValid(container, name) ? new BlobLocation(container, name, null) : null;
    }

    /// <summary>
    /// Reads <c>https://{account}.blob.core.windows.net/{container}/{name}</c>, or the path-style
    /// <c>http://127.0.0.1:10000/{account}/{container}/{name}</c> used by Azurite and other IP or single-label hosts.
    /// </summary>
    public static BlobLocation? FromUrl(Uri url)
    {
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathStyle = url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            || !url.Host.Contains('.', StringComparison.Ordinal);
        var first = pathStyle ? 1 : 0;
        if (segments.Length < first + 2)
        {
            return null;
        }

        var account = pathStyle ? Uri.UnescapeDataString(segments[0]) : url.Host.Split('.')[0];
        var container = Uri.UnescapeDataString(segments[first]);
        var name = string.Join('/', segments.Skip(first + 1).Select(Uri.UnescapeDataString));
        return IsValid(container, name) ? new BlobLocation(container, name, account) : null;
    }

    public static bool IsValid(string container, string name) =>
        container.Length > 0 && !container.Contains('/', StringComparison.Ordinal)
        && name.Length > 0 && name.Length <= MaxBlobNameLength && !name.Contains('\0', StringComparison.Ordinal);

    /// <summary>The URL without its query, safe to put in an error message (a query may hold a SAS token).</summary>
    public static string Describe(Uri url) => WebUtility.UrlDecode(url.GetLeftPart(UriPartial.Path));
}
