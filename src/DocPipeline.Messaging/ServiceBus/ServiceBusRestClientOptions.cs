namespace DocPipeline.Messaging.ServiceBus;

/// <summary>Settings for <see cref="ServiceBusRestClient"/>.</summary>
public sealed class ServiceBusRestClientOptions
{
    /// <summary>
    /// The HTTP client to send requests with. The caller keeps ownership. When unset, the client creates and disposes
    /// its own. Its <see cref="HttpClient.Timeout"/> should exceed the longest receive wait plus <see cref="RequestTimeout"/>.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// Sends requests to this scheme, host and port instead of the namespace endpoint (a local fake, a proxy). Tokens
    /// are still issued for the namespace endpoint. Default: unset.
    /// </summary>
    public Uri? EndpointOverride { get; set; }

    /// <summary>The time allowed for one call, on top of the wait of a long-polling receive. Default: 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The lifetime of shared access signatures made from a connection string's key. Default: 1 hour.</summary>
    public TimeSpan SasTokenLifetime { get; set; } = SharedAccessSignatureAuthorization.DefaultTokenLifetime;

    /// <summary>The clock used for token lifetimes and receive timestamps. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
