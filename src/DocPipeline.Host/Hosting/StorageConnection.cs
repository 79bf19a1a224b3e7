using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace DocPipeline.Host.Hosting;

/// <summary>
/// An Azure Storage connection read the Azure Functions way: <c>AzureWebJobsStorage</c> holds a connection string
/// (<c>UseDevelopmentStorage=true</c> for Azurite), or <c>AzureWebJobsStorage__blobServiceUri</c>,
/// <c>__queueServiceUri</c>, <c>__tableServiceUri</c> and/or <c>__accountName</c> name the services and
/// <c>__credential</c>/<c>__clientId</c> the identity (a managed identity in Azure).
/// </summary>
/// <remarks>A class, not a record, so that the connection string (a secret) can never reach a log through <c>ToString</c>.</remarks>
public sealed class StorageConnection
{
    /// <summary>The setting Azure Functions reads its storage from.</summary>
    public const string DefaultName = "AzureWebJobsStorage";

    private static readonly string[] KnownKeys = ["blobServiceUri", "queueServiceUri", "tableServiceUri", "accountName", "credential", "clientId"];

    private StorageConnection(string name, string? connectionString, Uri? blob, Uri? queue, Uri? table, TokenCredential? credential, string description)
    {
        Name = name;
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
        Credential = credential;
        Description = description;
    }

    /// <summary>The setting this came from.</summary>
    public string Name { get; }

    /// <summary>The connection string; null for an identity-based connection.</summary>
    public string? ConnectionString { get; }

    /// <summary>The Blob service endpoint of an identity-based connection.</summary>
    public Uri? BlobServiceUri { get; }

    /// <summary>The Queue service endpoint of an identity-based connection.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The Table service endpoint of an identity-based connection.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>The identity of an identity-based connection.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Where it points, without secrets (for logs and the start-up banner).</summary>
    public string Description { get; }

    /// <summary>Reads the connection named <paramref name="name"/>; null when it is not set (or set to an empty string).</summary>
    /// <param name="configuration">The app configuration.</param>
    /// <param name="name">The connection setting; <see cref="DefaultName"/> unless told otherwise.</param>
    /// <exception cref="ServeStartupException">A part of the connection is missing, unknown or malformed.</exception>
    public static StorageConnection? Read(IConfiguration configuration, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        var connectionString = section.Value;
        var parts = section.GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToList();
        foreach (var part in parts)
        {
            if (!KnownKeys.Contains(part.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ServeStartupException(
                    $"{name}__{part.Key}",
                    $"Unknown storage setting '{name}__{part.Key}'. An identity-based connection takes {string.Join(", ", KnownKeys.Select(k => $"{name}__{k}"))}.");
            }
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            if (parts.Count > 0)
            {
                throw new ServeStartupException(
                    name,
                    $"Both '{name}' (a connection string) and '{name}__{parts[0].Key}' (an identity-based connection) are set; keep one of them.");
            }

            return FromConnectionString(name, connectionString.Trim());
        }

        return parts.Count == 0 ? null : FromIdentity(name, section);
    }

    /// <summary>A client for the Blob service.</summary>
    public BlobServiceClient CreateBlobServiceClient() =>
        ConnectionString is not null ? new BlobServiceClient(ConnectionString) : new BlobServiceClient(BlobServiceUri, Credential);

    /// <inheritdoc />
    public override string ToString() => Description;

    private static StorageConnection FromConnectionString(string name, string connectionString)
    {
        if (connectionString.Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            return new StorageConnection(name, connectionString, null, null, null, null, "Azurite (UseDevelopmentStorage=true)");
        }

        try
        {
            var client = new BlobServiceClient(connectionString);
            return new StorageConnection(name, connectionString, null, null, null, null, $"account '{client.AccountName}' ({client.Uri.GetLeftPart(UriPartial.Authority)}, connection string)");
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // The message of these exceptions can quote the string, which holds the account key: say only what to do.
            throw new ServeStartupException(
                name,
                $"'{name}' is not a valid storage connection string. Use 'UseDevelopmentStorage=true' for Azurite, an account connection string " +
                $"(DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…), or leave it empty and set {name}__accountName or {name}__blobServiceUri/__queueServiceUri/__tableServiceUri for a managed identity.");
        }
    }

    private static StorageConnection FromIdentity(string name, IConfigurationSection section)
    {
        var account = section["accountName"]?.Trim();
        if (!string.IsNullOrEmpty(account) && !IsAccountName(account))
        {
            throw new ServeStartupException($"{name}__accountName", $"'{name}__accountName' must be a storage account name: 3-24 lower-case letters and digits (got '{account}').");
        }

        var credential = CreateCredential(section, name);
        var blob = ServiceUri(section, name, "blobServiceUri", account, "blob");
        var queue = ServiceUri(section, name, "queueServiceUri", account, "queue");
        var table = ServiceUri(section, name, "tableServiceUri", account, "table");
        return new StorageConnection(name, null, blob, queue, table, credential, $"{blob.GetLeftPart(UriPartial.Authority)} (identity: {section["credential"] ?? "default Azure credential"})");
    }

    private static Uri ServiceUri(IConfigurationSection section, string name, string key, string? account, string service)
    {
        var setting = $"{name}__{key}";
        var text = section[key]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return !string.IsNullOrEmpty(account)
                ? new Uri($"https://{account}.{service}.core.windows.net/")
                : throw new ServeStartupException(setting, $"'{setting}' is required for an identity-based connection (or set {name}__accountName to derive all three service URIs).");
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new ServeStartupException(setting, $"'{setting}' must be an absolute https:// URI such as https://myaccount.{service}.core.windows.net (got '{text}').");
    }

    internal static TokenCredential CreateCredential(IConfigurationSection section, string name)
    {
        var kind = section["credential"]?.Trim();
        var clientId = section["clientId"]?.Trim();
        if (string.IsNullOrEmpty(kind))
        {
            var options = new DefaultAzureCredentialOptions();
            if (!string.IsNullOrEmpty(clientId))
            {
                options.ManagedIdentityClientId = clientId;
            }

            return new DefaultAzureCredential(options);
        }

        if (kind.Equals("managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(string.IsNullOrEmpty(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        throw new ServeStartupException($"{name}__credential", $"'{name}__credential' must be 'managedidentity' or left unset for the default Azure credential (got '{kind}').");
    }

    private static bool IsAccountName(string account) =>
        account.Length is >= 3 and <= 24 && account.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
}
