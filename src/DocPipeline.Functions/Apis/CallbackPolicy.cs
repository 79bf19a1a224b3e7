using System.Net;
using System.Net.Sockets;
using DocPipeline.Functions.Security;

namespace DocPipeline.Functions.Apis;

/// <summary>
/// Where callbacks may go. A host that needs API keys may be reachable from outside, so by default it refuses callback
/// URLs aimed at loopback, private or link-local addresses (the server would otherwise call into its own network on a
/// caller's behalf). A keyless host listens on loopback only and allows them. <c>DocPipeline:AllowPrivateCallbacks</c>
/// overrides either way. Names are checked as written; a public name that resolves to a private address is not caught.
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

        var configuration = services.GetRequiredService<IConfiguration>();
        var allowPrivate = configuration.GetValue<bool?>(Setting) ?? services.GetService<ApiKeyRing>() is not { IsEnabled: true };
        if (!allowPrivate && IsPrivate(callback))
        {
            throw UploadProblem.BadRequest($"callbackUrl points to a loopback, private or link-local address; set {Setting}=true to allow that.");
        }
    }

    public static bool IsPrivate(Uri uri)
    {
        var host = uri.IdnHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

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
