using System.Globalization;
using System.Net;

namespace DocPipeline.Host.Hosting;

/// <summary>
/// Where <c>serve</c> listens: the <c>urls</c> setting (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) when given, else
/// <c>HTTP_PORTS</c> (set by container images; all interfaces), else <c>http://localhost:{Host:LocalHttpPort}</c>
/// (default port 7071), which is loopback only.
/// </summary>
public static class ServeUrls
{
    /// <summary>The port setting, from the <c>Host</c> section of local.settings.json.</summary>
    public const string PortSetting = "Host:LocalHttpPort";

    /// <summary>The port Azure Functions uses locally.</summary>
    public const int DefaultPort = 7071;

    /// <summary>The addresses to listen on.</summary>
    /// <param name="configuration">The app configuration.</param>
    /// <exception cref="ServeStartupException">An address or port cannot be read.</exception>
    public static IReadOnlyList<string> Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["urls"] is { } urls && !string.IsNullOrWhiteSpace(urls))
        {
            var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var url in list)
            {
                Parse(url, "urls");
            }

            return list;
        }

        if (configuration["HTTP_PORTS"] is { } ports && !string.IsNullOrWhiteSpace(ports))
        {
            return ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => "http://*:" + Port(p, "HTTP_PORTS").ToString(CultureInfo.InvariantCulture))
                .ToList();
        }

        var port = configuration[PortSetting] is { } text && !string.IsNullOrWhiteSpace(text) ? Port(text, PortSetting) : DefaultPort;
        return ["http://localhost:" + port.ToString(CultureInfo.InvariantCulture)];
    }

    /// <summary>Whether an address accepts only connections from this machine (loopback or a Unix socket).</summary>
    /// <param name="url">An address in Kestrel's format.</param>
    public static bool IsLoopback(string url)
    {
        var address = Parse(url, "urls");
        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return true;
        }

        var host = address.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static BindingAddress Parse(string url, string setting)
    {
        try
        {
            return BindingAddress.Parse(url);
        }
        catch (FormatException ex)
        {
            throw new ServeStartupException(setting, $"'{url}' in '{setting}' is not an address to listen on; use for example http://127.0.0.1:7071 or http://0.0.0.0:8080.", ex);
        }
    }

    private static int Port(string text, string setting) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ServeStartupException(setting, $"'{setting}' must be a port number from 0 to 65535 (got '{text}').");
}
