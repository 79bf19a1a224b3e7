using Azure.Core;

namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// Sends to and receives from one Service Bus queue (and its dead-letter queue) over the Service Bus REST API:
/// send, peek-lock receive with long polling, complete, abandon and lock renewal.
/// </summary>
/// <remarks>Thread-safe; create one per queue and share it.</remarks>
public sealed partial class ServiceBusRestClient : IDisposable
{
    /// <summary>The path segment of a queue's dead-letter sub-queue.</summary>
    public const string DeadLetterQueueSuffix = "$DeadLetterQueue";

    /// <summary>The longest long-poll wait a receive accepts.</summary>
    public static readonly TimeSpan MaxReceiveWaitTime = TimeSpan.FromMinutes(10);

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly IServiceBusAuthorization _authorization;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _requestTimeout;
    private readonly Uri _requestBase;

    /// <summary>Creates a client from a connection string carrying a shared access key or signature.</summary>
    /// <param name="connectionString">
    /// <c>Endpoint=sb://{namespace}.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…</c>, optionally with
    /// <c>EntityPath=</c>; an <c>http://host:port/</c> endpoint is used as written.
    /// </param>
    /// <param name="queueName">The queue; may be omitted when the connection string has an <c>EntityPath</c>.</param>
    /// <param name="options">Optional settings.</param>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="ArgumentException">No queue is named, or the name disagrees with <c>EntityPath</c>.</exception>
    public ServiceBusRestClient(string connectionString, string? queueName = null, ServiceBusRestClientOptions? options = null)
        : this(ServiceBusConnectionString.Parse(connectionString), queueName, options ?? new ServiceBusRestClientOptions())
    {
    }

    /// <summary>Creates a client that authenticates with Microsoft Entra (managed identity, workload identity…).</summary>
    /// <param name="fullyQualifiedNamespace">
    /// <c>{namespace}.servicebus.windows.net</c>, or an absolute <c>https://</c>/<c>http://</c> base address.
    /// </param>
    /// <param name="queueName">The queue.</param>
    /// <param name="credential">The credential; tokens are requested for <see cref="TokenCredentialAuthorization.Scope"/>.</param>
    /// <param name="options">Optional settings.</param>
    public ServiceBusRestClient(string fullyQualifiedNamespace, string queueName, TokenCredential credential, ServiceBusRestClientOptions? options = null)
        : this(
            NamespaceEndpoint(fullyQualifiedNamespace),
            queueName,
            new TokenCredentialAuthorization(credential, options?.TimeProvider),
            options)
    {
    }

    /// <summary>Creates a client with any authorization scheme.</summary>
    /// <param name="endpoint">The namespace base address, e.g. <c>https://ns.servicebus.windows.net/</c>.</param>
    /// <param name="queueName">The queue.</param>
    /// <param name="authorization">Supplies the <c>Authorization</c> header.</param>
    /// <param name="options">Optional settings.</param>
    public ServiceBusRestClient(Uri endpoint, string queueName, IServiceBusAuthorization authorization, ServiceBusRestClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(authorization);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The Service Bus endpoint must be an absolute http(s) URI.", nameof(endpoint));
        }

        options ??= new ServiceBusRestClientOptions();
        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "RequestTimeout must be positive.");
        }

        QueueName = ValidateQueueName(queueName);
        Endpoint = WithTrailingSlash(endpoint);
        QueueUri = new Uri(Endpoint, EscapePath(QueueName));
        _requestBase = options.EndpointOverride is { } overrideUri ? WithTrailingSlash(overrideUri) : Endpoint;
        _authorization = authorization;
        _timeProvider = options.TimeProvider;
        _requestTimeout = options.RequestTimeout;
        if (options.HttpClient is { } http)
        {
            _http = http;
        }
        else
        {
            // Per-call deadlines come from RequestTimeout; the client-wide timeout would cut long polls short.
            _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _ownsHttp = true;
        }
    }

    private ServiceBusRestClient(ServiceBusConnectionString connection, string? queueName, ServiceBusRestClientOptions options)
        : this(
            connection.Endpoint,
            ResolveQueueName(connection, queueName),
            connection.SharedAccessKey is { } key && connection.SharedAccessKeyName is { } keyName
                ? new SharedAccessSignatureAuthorization(keyName, key, options.SasTokenLifetime, options.TimeProvider)
                : new FixedSignatureAuthorization(connection.SharedAccessSignature!),
            options)
    {
    }

    /// <summary>The namespace base address tokens are issued for.</summary>
    public Uri Endpoint { get; }

    /// <summary>The queue this client addresses.</summary>
    public string QueueName { get; }

    /// <summary>The queue's address on the namespace endpoint.</summary>
    public Uri QueueUri { get; }

    /// <summary>The dead-letter queue's entity path, <c>{queue}/$DeadLetterQueue</c>.</summary>
    public string DeadLetterEntityPath => QueueName + "/" + DeadLetterQueueSuffix;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string ResolveQueueName(ServiceBusConnectionString connection, string? queueName)
    {
        if (string.IsNullOrWhiteSpace(queueName))
        {
            return connection.EntityPath
                ?? throw new ArgumentException("No queue name given and the connection string has no EntityPath.", nameof(queueName));
        }

        if (connection.EntityPath is { } entity && !string.Equals(entity, queueName.Trim('/'), StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Queue '{queueName}' differs from the connection string's EntityPath '{entity}'.", nameof(queueName));
        }

        return queueName;
    }

    private static string ValidateQueueName(string queueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        var trimmed = queueName.Trim().Trim('/');
        if (trimmed.Length == 0 || trimmed.Split('/').Any(segment => segment.Length == 0 || segment is "." or ".."))
        {
            throw new ArgumentException($"'{queueName}' is not a valid queue name.", nameof(queueName));
        }

        if (trimmed.EndsWith("/" + DeadLetterQueueSuffix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Name the queue itself; its dead-letter queue is reached through ReceiveDeadLetterAsync.", nameof(queueName));
        }

        return trimmed;
    }

    private static Uri NamespaceEndpoint(string fullyQualifiedNamespace)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fullyQualifiedNamespace);
        var text = fullyQualifiedNamespace.Trim();
        if (text.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return ServiceBusConnectionString.NormalizeEndpoint(text, emulator: false);
            }
            catch (FormatException ex)
            {
                throw new ArgumentException(ex.Message, nameof(fullyQualifiedNamespace), ex);
            }
        }

        if (Uri.CheckHostName(text.TrimEnd('/')) == UriHostNameType.Unknown)
        {
            throw new ArgumentException($"'{fullyQualifiedNamespace}' is not a host name.", nameof(fullyQualifiedNamespace));
        }

        return new Uri("https://" + text.TrimEnd('/') + "/");
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    // '$' stays literal: the broker addresses sub-queues as "$DeadLetterQueue", not "%24DeadLetterQueue".
    private static string EscapePath(string path) =>
        string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(segment).Replace("%24", "$", StringComparison.Ordinal)));
}
