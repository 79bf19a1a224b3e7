using Azure.Core;
using Azure.Identity;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Configuration;

namespace DocPipeline.DurableTask.AzureStorage;

/// <summary>
/// An Azure Storage account as the Functions host reads it from a connection setting (<c>AzureWebJobsStorage</c>): a
/// connection string (<c>UseDevelopmentStorage=true</c> for Azurite), or an identity-based connection from
/// <c>{name}__accountName</c> or <c>{name}__blobServiceUri</c>/<c>__queueServiceUri</c>/<c>__tableServiceUri</c>, with
/// <c>{name}__credential=managedidentity</c> and <c>{name}__clientId</c>.
/// </summary>
public sealed class AzureStorageAccount
{
    /// <summary>The setting Durable Functions uses.</summary>
    public const string DefaultSettingName = "AzureWebJobsStorage";

    private readonly Func<StorageAccountClientProvider> _createProvider;

    private AzureStorageAccount(Func<StorageAccountClientProvider> createProvider, string description)
    {
        _createProvider = createProvider;
        Description = description;
    }

    /// <summary>Where the account is, without secrets.</summary>
    public string Description { get; }

    /// <summary>An account reached with a connection string.</summary>
    /// <param name="connectionString">The connection string.</param>
    public static AzureStorageAccount FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var description = connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
            ? "Azurite (UseDevelopmentStorage=true)"
            : "connection string";
        return new AzureStorageAccount(() => new StorageAccountClientProvider(connectionString), description);
    }

    /// <summary>An account reached with a token credential.</summary>
    /// <param name="blobServiceUri">The Blob service.</param>
    /// <param name="queueServiceUri">The Queue service.</param>
    /// <param name="tableServiceUri">The Table service.</param>
    /// <param name="credential">The credential.</param>
    public static AzureStorageAccount FromServiceUris(Uri blobServiceUri, Uri queueServiceUri, Uri tableServiceUri, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        return new AzureStorageAccount(
            () => new StorageAccountClientProvider(blobServiceUri, queueServiceUri, tableServiceUri, credential),
            $"{blobServiceUri.GetLeftPart(UriPartial.Authority)} (identity)");
    }

    /// <summary>Reads the connection setting; null when it is not set.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="settingName">The setting, <see cref="DefaultSettingName"/> by default.</param>
    /// <exception cref="InvalidOperationException">The identity-based settings are incomplete or malformed.</exception>
    public static AzureStorageAccount? Read(IConfiguration configuration, string settingName = DefaultSettingName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(settingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value.Trim());
        }

        if (!section.GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            return null;
        }

        var account = section["accountName"]?.Trim();
        return FromServiceUris(
            ServiceUri(section, settingName, "blobServiceUri", account, "blob"),
            ServiceUri(section, settingName, "queueServiceUri", account, "queue"),
            ServiceUri(section, settingName, "tableServiceUri", account, "table"),
            Credential(section, settingName));
    }

    internal StorageAccountClientProvider CreateClientProvider() => _createProvider();

    private static Uri ServiceUri(IConfigurationSection section, string name, string key, string? account, string service)
    {
        var text = section[key]?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return !string.IsNullOrEmpty(account)
                ? new Uri($"https://{account}.{service}.core.windows.net/")
                : throw new InvalidOperationException($"'{name}__{key}' is required for an identity-based connection (or set {name}__accountName).");
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new InvalidOperationException($"'{name}__{key}' must be an absolute https:// URI (got '{text}').");
    }

    private static TokenCredential Credential(IConfigurationSection section, string name)
    {
        var kind = section["credential"]?.Trim();
        var clientId = section["clientId"]?.Trim();
        if (string.IsNullOrEmpty(kind))
        {
            return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrEmpty(clientId) ? null : clientId });
        }

        return kind.Equals("managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrEmpty(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : throw new InvalidOperationException($"'{name}__credential' must be 'managedidentity' or unset (got '{kind}').");
    }
}
