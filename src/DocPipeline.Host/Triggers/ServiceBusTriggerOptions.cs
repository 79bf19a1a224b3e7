namespace DocPipeline.Host.Triggers;

/// <summary>
/// The Service Bus trigger: it runs when the connection named <see cref="ConnectionName"/> is configured, as a
/// connection string (setting <c>ServiceBusConnection</c>) or an identity
/// (<c>ServiceBusConnection__fullyQualifiedNamespace</c>). Read from <c>Pipeline:ServiceBusConnectionName</c> and
/// <c>Pipeline:ServiceBusQueue</c>; the listener's settings come from host.json <c>extensions.serviceBus</c>.
/// </summary>
public sealed record ServiceBusTriggerOptions
{
    /// <summary>The default connection setting name.</summary>
    public const string DefaultConnectionName = "ServiceBusConnection";

    /// <summary>The default queue name.</summary>
    public const string DefaultQueueName = "documents";

    /// <summary>The connection setting name. Default <c>ServiceBusConnection</c>.</summary>
    public string ConnectionName { get; init; } = DefaultConnectionName;

    /// <summary>The queue. Default <c>documents</c>.</summary>
    public string QueueName { get; init; } = DefaultQueueName;

    /// <summary>Reads the settings.</summary>
    /// <param name="configuration">The configuration.</param>
    public static ServiceBusTriggerOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new ServiceBusTriggerOptions
        {
            ConnectionName = NonEmpty(configuration["Pipeline:ServiceBusConnectionName"]) ?? DefaultConnectionName,
            QueueName = NonEmpty(configuration["Pipeline:ServiceBusQueue"]) ?? DefaultQueueName,
        };
    }

    /// <summary>Whether the connection is configured (a connection string or a fully qualified namespace).</summary>
    /// <param name="configuration">The configuration.</param>
    public bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return NonEmpty(configuration[ConnectionName]) is not null
            || NonEmpty(configuration.GetConnectionString(ConnectionName)) is not null
            || NonEmpty(configuration[ConnectionName + ":fullyQualifiedNamespace"]) is not null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
