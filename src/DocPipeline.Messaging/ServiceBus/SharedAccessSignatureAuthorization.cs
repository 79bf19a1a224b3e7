using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// Signs Service Bus calls with a shared access key: builds
/// <c>SharedAccessSignature sr=&lt;encoded uri&gt;&amp;sig=&lt;encoded HMAC-SHA256&gt;&amp;se=&lt;unix expiry&gt;&amp;skn=&lt;key name&gt;</c>
/// tokens, caches one per resource and renews it before it expires.
/// </summary>
public sealed class SharedAccessSignatureAuthorization : IServiceBusAuthorization
{
    /// <summary>The token lifetime used when none is given.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(1);

    private readonly string _keyName;
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, CachedToken> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a signer for one shared access policy.</summary>
    /// <param name="keyName">The policy name (<c>SharedAccessKeyName</c>).</param>
    /// <param name="key">The policy key (<c>SharedAccessKey</c>); its text is the HMAC key, as Service Bus expects.</param>
    /// <param name="tokenLifetime">How long each token is valid; defaults to <see cref="DefaultTokenLifetime"/>.</param>
    /// <param name="timeProvider">The clock; defaults to the system clock.</param>
    public SharedAccessSignatureAuthorization(string keyName, string key, TimeSpan? tokenLifetime = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var lifetime = tokenLifetime ?? DefaultTokenLifetime;
        if (lifetime < TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(tokenLifetime), "A shared access signature must live at least one minute.");
        }

        _keyName = keyName;
        _key = Encoding.UTF8.GetBytes(key);
        TokenLifetime = lifetime;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long each issued token is valid.</summary>
    public TimeSpan TokenLifetime { get; }

    /// <inheritdoc />
    public ValueTask<string> GetAuthorizationHeaderAsync(Uri resourceUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceUri);
        var resource = resourceUri.AbsoluteUri;
        var now = _timeProvider.GetUtcNow();
        if (_cache.TryGetValue(resource, out var cached) && now < cached.RefreshAfter)
        {
            return ValueTask.FromResult(cached.Token);
        }

        var expiresOn = now + TokenLifetime;
        var token = CreateToken(resourceUri, expiresOn);

        // Renew once four fifths of the lifetime have passed, so a token in flight never expires on the wire.
        _cache[resource] = new CachedToken(token, now + (TokenLifetime * 0.8));
        return ValueTask.FromResult(token);
    }

    /// <summary>Builds a token for <paramref name="resourceUri"/> that expires at <paramref name="expiresOn"/>.</summary>
    /// <param name="resourceUri">The resource the token grants access to; its sub-paths are covered too.</param>
    /// <param name="expiresOn">When the token stops being accepted (whole seconds, Unix time).</param>
    /// <returns>The <c>SharedAccessSignature …</c> header value.</returns>
    public string CreateToken(Uri resourceUri, DateTimeOffset expiresOn)
    {
        ArgumentNullException.ThrowIfNull(resourceUri);
        var encodedResource = WebUtility.UrlEncode(resourceUri.AbsoluteUri);
        var expiry = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(
            HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry)));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(_keyName)}");
    }

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAfter);
}
