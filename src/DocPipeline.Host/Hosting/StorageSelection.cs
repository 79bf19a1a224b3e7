namespace DocPipeline.Host.Hosting;

/// <summary>
/// Which store the app runs on. <c>DocPipeline:Storage</c> decides: <c>auto</c> (the default) picks Azure Storage
/// when <c>AzureWebJobsStorage</c> is set and the embedded store otherwise; <c>embedded</c> and <c>azure</c> force one.
/// </summary>
public sealed class StorageSelection
{
    /// <summary>The setting that forces a store.</summary>
    public const string SettingName = "DocPipeline:Storage";

    private StorageSelection(StorageKind kind, StorageConnection? azure)
    {
        Kind = kind;
        Azure = azure;
    }

    /// <summary>The embedded store (SQLite and files under the data folder).</summary>
    public static StorageSelection Embedded { get; } = new(StorageKind.Embedded, null);

    /// <summary>The chosen store.</summary>
    public StorageKind Kind { get; }

    /// <summary>The Azure Storage connection when <see cref="Kind"/> is <see cref="StorageKind.AzureStorage"/>.</summary>
    public StorageConnection? Azure { get; }

    /// <summary>Azure Storage over <paramref name="connection"/>.</summary>
    /// <param name="connection">The connection.</param>
    public static StorageSelection AzureStorage(StorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new StorageSelection(StorageKind.AzureStorage, connection);
    }

    /// <summary>Reads <c>DocPipeline:Storage</c> and <c>AzureWebJobsStorage</c>.</summary>
    /// <param name="configuration">The app configuration.</param>
    /// <exception cref="ServeStartupException">A storage setting is unknown, malformed or contradicts another.</exception>
    public static StorageSelection FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mode = configuration[SettingName]?.Trim() ?? string.Empty;
        var connection = StorageConnection.Read(configuration);
        switch (mode.ToLowerInvariant())
        {
            case "" or "auto":
                return connection is null ? Embedded : AzureStorage(connection);
            case "embedded" or "sqlite":
                return Embedded;
            case "azure" or "azurestorage":
                return connection is null
                    ? throw new ServeStartupException(
                        StorageConnection.DefaultName,
                        $"{SettingName} is '{mode}' but {StorageConnection.DefaultName} is not set: give it a connection string (UseDevelopmentStorage=true for Azurite) or {StorageConnection.DefaultName}__accountName for a managed identity.")
                    : AzureStorage(connection);
            default:
                throw new ServeStartupException(SettingName, $"Unknown {SettingName} '{mode}': use 'auto' (the default), 'embedded' or 'azure'.");
        }
    }

    /// <summary>A one-line description without secrets.</summary>
    public string Describe() => Kind == StorageKind.Embedded ? "embedded (SQLite and files)" : "Azure Storage, " + Azure!.Description;
}
