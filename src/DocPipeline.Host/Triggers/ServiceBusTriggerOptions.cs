namespace DocPipeline.Host.Triggers;

/// <summary>
/// The Service Bus trigger: it runs when the connection named <see cref="ConnectionName"/> is configured, as a
/// connection string (setting <c>ServiceBusConnection</c>) or an identity
/// (<c>ServiceBusConnection__fullyQualifiedNamespace</c>), and is off otherwise. Read from
/// <c>Pipeline:ServiceBusConnectionName</c> and <c>Pipeline:ServiceBusQueue</c>; the processor's settings come from
/// host.json <c>extensions.serviceBus</c> (<see cref="ServiceBusExtensionOptions"/>).
/// </summary>
public sealed record ServiceBusTriggerOptions
{
    /// <summary>The default connection setting name.</summary>
    public const string DefaultConnectionName = "ServiceBusConnection";

    /// <summary>The default queue name.</summary>
    public const string DefaultQueueName = "documents";

    /// <summary>The setting naming the queue.</summary>
    public const string QueueSetting = "Pipeline:ServiceBusQueue";

    /// <summary>The connection setting name. Default <c>ServiceBusConnection</c>.</summary>
    public string ConnectionName { get; init; } = DefaultConnectionName;

    /// <summary>The queue. Default: the connection string's <c>EntityPath</c>, else <c>documents</c>.</summary>
    public string QueueName { get; init; } = DefaultQueueName;

    /// <summary>Reads the settings.</summary>
    /// <param name="configuration">The configuration.</param>
    /// <param name="connection">The connection, whose <c>EntityPath</c> names the queue when the setting does not.</param>
    /// <exception cref="Hosting.ServeStartupException">The queue setting and the connection string's <c>EntityPath</c> disagree.</exception>
    public static ServiceBusTriggerOptions From(IConfiguration configuration, ServiceBusConnection? connection = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var queue = NonEmpty(configuration[QueueSetting]);
        if (queue is not null && connection?.EntityPath is { } entityPath && !string.Equals(queue, entityPath, StringComparison.OrdinalIgnoreCase))
        {
            throw new Hosting.ServeStartupException(
                QueueSetting,
                $"'{QueueSetting}' is '{queue}' but the Service Bus connection string is scoped to queue '{entityPath}' (EntityPath); make them agree or drop one.");
        }

        return new ServiceBusTriggerOptions
        {
            ConnectionName = ConnectionNameFrom(configuration),
            QueueName = queue ?? connection?.EntityPath ?? DefaultQueueName,
        };
    }

    /// <summary>The connection setting name configured in <c>Pipeline:ServiceBusConnectionName</c>, else the default.</summary>
    /// <param name="configuration">The configuration.</param>
    public static string ConnectionNameFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return NonEmpty(configuration["Pipeline:ServiceBusConnectionName"]) ?? DefaultConnectionName;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
