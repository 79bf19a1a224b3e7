using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// Creates <see cref="ServiceBusRestClient"/> instances from Azure Functions-style connection settings: either a
/// setting <c>{name}</c> (or <c>ConnectionStrings:{name}</c>) holding a connection string, or identity-based
/// settings <c>{name}__fullyQualifiedNamespace</c>, optionally with <c>{name}__credential=managedidentity</c> and
/// <c>{name}__clientId</c>.
/// </summary>
public static class ServiceBusRestClientFactory
{
    /// <summary>Creates a client for <paramref name="queueName"/> from the connection named <paramref name="connectionName"/>.</summary>
    /// <param name="configuration">The configuration (double underscores in environment variables arrive as <c>:</c>).</param>
    /// <param name="connectionName">The connection setting name, e.g. <c>ServiceBusConnection</c>.</param>
    /// <param name="queueName">The queue; may be omitted when the connection string has an <c>EntityPath</c>.</param>
    /// <param name="options">Optional client settings.</param>
    /// <returns>The client; the caller disposes it.</returns>
    /// <exception cref="InvalidOperationException">The connection is not configured or is malformed.</exception>
    public static ServiceBusRestClient Create(
        IConfiguration configuration, string connectionName, string? queueName, ServiceBusRestClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var connectionString = configuration[connectionName] ?? configuration.GetConnectionString(connectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return new ServiceBusRestClient(connectionString, queueName, options);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"Service Bus connection '{connectionName}': {ex.Message}", ex);
            }
        }

        var section = configuration.GetSection(connectionName);
        var fullyQualifiedNamespace = section["fullyQualifiedNamespace"];
        if (string.IsNullOrWhiteSpace(fullyQualifiedNamespace))
        {
            throw new InvalidOperationException(
                $"Service Bus connection '{connectionName}' is not configured: set '{connectionName}' to a connection string or '{connectionName}__fullyQualifiedNamespace' to the namespace host name.");
        }

        if (string.IsNullOrWhiteSpace(queueName))
        {
            throw new InvalidOperationException($"Service Bus connection '{connectionName}' uses an identity, so the queue name must be given.");
        }

        return new ServiceBusRestClient(fullyQualifiedNamespace, queueName, CreateCredential(section), options);
    }

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        var kind = section["credential"];
        if (string.Equals(kind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            var id = string.IsNullOrWhiteSpace(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId);
            return new ManagedIdentityCredential(id);
        }

        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(clientId))
        {
            options.ManagedIdentityClientId = clientId;
        }

        return new DefaultAzureCredential(options);
    }
}
