using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace DocPipeline.Tests.Messaging.Fakes;

public sealed partial class FakeServiceBusServer
{
    private const string SasPrefix = "SharedAccessSignature ";
    private const string BearerPrefix = "Bearer ";

    private bool Authorize(HttpContext context, string entityPath, DateTimeOffset now, out string reason)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            reason = "missing Authorization header";
            return false;
        }

        if (header.StartsWith(BearerPrefix, StringComparison.Ordinal))
        {
            var token = header[BearerPrefix.Length..];
            reason = Options.BearerTokens.Contains(token) ? string.Empty : "unknown bearer token";
            return reason.Length == 0;
        }

        if (header.StartsWith(SasPrefix, StringComparison.Ordinal))
        {
            reason = CheckSignature(header[SasPrefix.Length..], entityPath, now) ?? string.Empty;
            return reason.Length == 0;
        }

        reason = "unsupported authorization scheme";
        return false;
    }

    /// <summary>Checks a SAS token independently of the client's signing code; returns why it is bad, or null.</summary>
    private string? CheckSignature(string token, string entityPath, DateTimeOffset now)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in token.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !fields.TryAdd(pair[..equals], pair[(equals + 1)..]))
            {
                return "malformed token field";
            }
        }

        if (!fields.TryGetValue("sr", out var resourceRaw) || !fields.TryGetValue("sig", out var signatureRaw)
            || !fields.TryGetValue("se", out var expiryRaw) || !fields.TryGetValue("skn", out var keyNameRaw))
        {
            return "token must have sr, sig, se and skn";
        }

        if (WebUtility.UrlDecode(keyNameRaw) != Options.KeyName)
        {
            return "unknown key name";
        }

        if (!long.TryParse(expiryRaw, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return "se is not a Unix time";
        }

        if (expiry <= now.ToUnixTimeSeconds())
        {
            return "token expired";
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Options.Key), Encoding.UTF8.GetBytes(resourceRaw + "\n" + expiryRaw));
        byte[] actual;
        try
        {
            actual = Convert.FromBase64String(WebUtility.UrlDecode(signatureRaw));
        }
        catch (FormatException)
        {
            return "sig is not base64";
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return "signature mismatch";
        }

        if (!Uri.TryCreate(WebUtility.UrlDecode(resourceRaw), UriKind.Absolute, out var resource))
        {
            return "sr is not an absolute URI";
        }

        var granted = resource.AbsolutePath.Trim('/');
        var covered = granted.Length == 0
            || entityPath.Equals(granted, StringComparison.OrdinalIgnoreCase)
            || entityPath.StartsWith(granted + "/", StringComparison.OrdinalIgnoreCase);
        return covered ? null : "token resource does not cover the entity";
    }
}
