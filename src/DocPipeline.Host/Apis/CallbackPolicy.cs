using System.Net;
using System.Net.Sockets;
using DocPipeline.Host.Security;

namespace DocPipeline.Host.Apis;

/// <summary>
/// Where callbacks may go. A host that needs API keys may be reachable from outside, so by default it refuses callback
/// URLs aimed at loopback, private or link-local addresses (the server would otherwise call into its own network on a
/// caller's behalf). A keyless host listens on loopback only and allows them. <c>DocPipeline:AllowPrivateCallbacks</c>
/// overrides either way. Uploads are checked by the URL as written; the callback client checks again at connect time,
/// against the addresses the name resolves to then, so a public name that points (or is re-pointed) to a private
/// address is refused too, redirects included.
/// </summary>
internal static class CallbackPolicy
{
    public const string Setting = "DocPipeline:AllowPrivateCallbacks";

    public static void Check(Uri? callback, IServiceProvider services)
    {
        if (callback is null)
        {
            return;
        }

        if (!AllowsPrivate(services) && IsPrivate(callback))
        {
            throw UploadProblem.BadRequest($"callbackUrl points to a loopback, private or link-local address; set {Setting}=true to allow that.");
        }
    }

    /// <summary>Whether this host may call loopback, private or link-local addresses back.</summary>
    public static bool AllowsPrivate(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetValue<bool?>(Setting) ?? services.GetService<ApiKeyRing>() is not { IsEnabled: true };

    /// <summary>The callback client's handler: when private targets are not allowed, it connects only to public addresses.</summary>
    public static SocketsHttpHandler CreateHandler(bool allowPrivate) => new()
    {
        ConnectCallback = allowPrivate ? null : ConnectToPublicAddressAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    private static async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(a => !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                $"The callback host '{endpoint.Host}' resolves only to loopback, private or link-local addresses; set {Setting}=true to allow that.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPrivate(Uri uri)
    {
        var host = uri.IdnHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsPrivate(address);
    }

    /// <summary>Loopback, unspecified, private, carrier-grade NAT, link-local or unique-local.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) ||
            (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || b[0] == 0;
    }
}
