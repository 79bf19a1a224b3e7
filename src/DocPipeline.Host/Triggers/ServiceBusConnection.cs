using Azure.Core;
using Azure.Messaging.ServiceBus;
using DocPipeline.Host.Hosting;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// A Service Bus connection read the Azure Functions way: the setting <c>{name}</c> (or
/// <c>ConnectionStrings:{name}</c>) holds a connection string, or <c>{name}__fullyQualifiedNamespace</c> names the
/// namespace and <c>{name}__credential</c>/<c>{name}__clientId</c> the identity (Azure.Identity; a managed identity
/// in Azure). Checked when the host is built, so a bad setting stops start-up with a message naming it.
/// </summary>
/// <remarks>A class, not a record, so that the connection string (a secret) can never reach a log through <c>ToString</c>.</remarks>
public sealed class ServiceBusConnection
{
    private static readonly string[] KnownKeys = ["fullyQualifiedNamespace", "credential", "clientId"];

    private ServiceBusConnection(string? connectionString, string fullyQualifiedNamespace, string? entityPath, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        FullyQualifiedNamespace = fullyQualifiedNamespace;
        EntityPath = entityPath;
        Credential = credential;
    }

    /// <summary>The connection string; null for an identity-based connection.</summary>
    public string? ConnectionString { get; }

    /// <summary>The namespace host name, e.g. <c>contoso.servicebus.windows.net</c>.</summary>
    public string FullyQualifiedNamespace { get; }

    /// <summary>The queue the connection string is scoped to (its <c>EntityPath</c>), if any.</summary>
    public string? EntityPath { get; }

    /// <summary>The identity of an identity-based connection.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Reads the connection named <paramref name="name"/>; null when it is not set.</summary>
    /// <param name="configuration">The app configuration (<c>A__B</c> settings arrive as <c>A:B</c>).</param>
    /// <param name="name">The connection setting, e.g. <c>ServiceBusConnection</c>.</param>
    /// <exception cref="ServeStartupException">The connection is malformed, incomplete or set twice.</exception>
    public static ServiceBusConnection? Read(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var section = configuration.GetSection(name);
        var connectionString = NonEmpty(section.Value) ?? NonEmpty(configuration.GetConnectionString(name));
        var parts = section.GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToList();
        if (parts.FirstOrDefault(p => !KnownKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw new ServeStartupException(
                $"{name}__{unknown.Key}",
                $"Unknown Service Bus setting '{name}__{unknown.Key}'. An identity-based connection takes {string.Join(", ", KnownKeys.Select(k => $"{name}__{k}"))}.");
        }

        if (connectionString is not null)
        {
            return parts.Count > 0
                ? throw new ServeStartupException(name, $"Both '{name}' (a connection string) and '{name}__{parts[0].Key}' (an identity-based connection) are set; keep one of them.")
                : FromConnectionString(name, connectionString);
        }

        return parts.Count == 0 ? null : FromIdentity(name, section);
    }

    /// <summary>A client for the namespace; the caller disposes it.</summary>
    public ServiceBusClient CreateClient() =>
        ConnectionString is not null ? new ServiceBusClient(ConnectionString) : new ServiceBusClient(FullyQualifiedNamespace, Credential);

    /// <inheritdoc />
    public override string ToString() => FullyQualifiedNamespace + (ConnectionString is null ? " (identity)" : " (connection string)");

    private static ServiceBusConnection FromConnectionString(string name, string connectionString)
    {
        ServiceBusConnectionStringProperties properties;
        try
        {
            properties = ServiceBusConnectionStringProperties.Parse(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // The parser's message can quote the string, which holds the key: say only what to do.
            throw new ServeStartupException(name, ConnectionStringHelp(name, "is not a valid Service Bus connection string"));
        }

        if (properties.Endpoint is not { Host.Length: > 0 } endpoint)
        {
            throw new ServeStartupException(name, ConnectionStringHelp(name, "has no Endpoint"));
        }

        var hasKey = !string.IsNullOrEmpty(properties.SharedAccessKeyName) && !string.IsNullOrEmpty(properties.SharedAccessKey);
        if (!hasKey && string.IsNullOrEmpty(properties.SharedAccessSignature))
        {
            throw new ServeStartupException(name, ConnectionStringHelp(name, "has neither SharedAccessKeyName/SharedAccessKey nor SharedAccessSignature"));
        }

        return new ServiceBusConnection(connectionString, endpoint.Host, NonEmpty(properties.EntityPath), null);
    }

    private static string ConnectionStringHelp(string name, string problem) =>
        $"'{name}' {problem}. Use Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…, " +
        $"or leave it empty and set '{name}__fullyQualifiedNamespace' to use an identity.";

    private static ServiceBusConnection FromIdentity(string name, IConfigurationSection section)
    {
        var setting = $"{name}__fullyQualifiedNamespace";
        var text = NonEmpty(section["fullyQualifiedNamespace"])
            ?? throw new ServeStartupException(setting, $"'{setting}' is required for an identity-based Service Bus connection (e.g. contoso.servicebus.windows.net).");

        // Accept the host name as the portal shows it, or as an sb:// or https:// address.
        var host = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "sb" or "https" or "amqps" ? uri.Host : text.TrimEnd('/');
        if (Uri.CheckHostName(host) != UriHostNameType.Dns || !host.Contains('.', StringComparison.Ordinal))
        {
            throw new ServeStartupException(setting, $"'{setting}' must be the namespace host name, such as contoso.servicebus.windows.net (got '{text}').");
        }

        return new ServiceBusConnection(null, host, null, StorageConnection.CreateCredential(section, name));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
