using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DocPipeline.Messaging.ServiceBus;
using Microsoft.Extensions.Time.Testing;

namespace DocPipeline.Tests.Messaging.ServiceBus;

public sealed class SharedAccessSignatureAuthorizationTests
{
    private static readonly Uri Queue = new("https://contoso.servicebus.windows.net/orders");

    [Fact]
    public void CreateToken_KnownKey_HasDocumentedShapeAndSignature()
    {
        var signer = new SharedAccessSignatureAuthorization("send policy", "c2VjcmV0LWtleQ==");
        var expires = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var token = signer.CreateToken(Queue, expires);

        var match = Regex.Match(token, "^SharedAccessSignature sr=(?<sr>[^&]+)&sig=(?<sig>[^&]+)&se=(?<se>[0-9]+)&skn=(?<skn>[^&]+)$");
        Assert.True(match.Success, token);
        Assert.Equal("https%3A%2F%2Fcontoso.servicebus.windows.net%2Forders", match.Groups["sr"].Value);
        Assert.Equal(expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), match.Groups["se"].Value);
        Assert.Equal("send policy", WebUtility.UrlDecode(match.Groups["skn"].Value));
        var expected = HMACSHA256.HashData(
            Encoding.UTF8.GetBytes("c2VjcmV0LWtleQ=="),
            Encoding.UTF8.GetBytes(match.Groups["sr"].Value + "\n" + match.Groups["se"].Value));
        Assert.Equal(Convert.ToBase64String(expected), WebUtility.UrlDecode(match.Groups["sig"].Value));
    }

    [Fact]
    public async Task GetAuthorizationHeaderAsync_WithinLifetime_ReusesToken()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var signer = new SharedAccessSignatureAuthorization("k", "v", TimeSpan.FromHours(1), time);

        var first = await signer.GetAuthorizationHeaderAsync(Queue);
        time.Advance(TimeSpan.FromMinutes(40));
        var second = await signer.GetAuthorizationHeaderAsync(Queue);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GetAuthorizationHeaderAsync_NearExpiry_IssuesFreshToken()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var signer = new SharedAccessSignatureAuthorization("k", "v", TimeSpan.FromHours(1), time);

        var first = await signer.GetAuthorizationHeaderAsync(Queue);
        time.Advance(TimeSpan.FromMinutes(50));
        var second = await signer.GetAuthorizationHeaderAsync(Queue);

        Assert.NotEqual(first, second);
        var expiry = long.Parse(Regex.Match(second, "se=([0-9]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal((time.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds(), expiry);
    }

    [Fact]
    public void Ctor_LifetimeUnderAMinute_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SharedAccessSignatureAuthorization("k", "v", TimeSpan.FromSeconds(5)));
    }
}
