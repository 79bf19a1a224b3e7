namespace DocPipeline.Messaging.ServiceBus;

/// <summary>
/// Supplies the <c>Authorization</c> header value for Service Bus REST calls.
/// </summary>
public interface IServiceBusAuthorization
{
    /// <summary>
    /// Returns the header value (for example <c>SharedAccessSignature sr=…</c> or <c>Bearer …</c>) for calls on
    /// <paramref name="resourceUri"/>. Implementations cache tokens and refresh them before they expire.
    /// </summary>
    /// <param name="resourceUri">The entity the call addresses, e.g. <c>https://ns.servicebus.windows.net/orders</c>.</param>
    /// <param name="cancellationToken">Cancels the token acquisition.</param>
    /// <returns>The complete <c>Authorization</c> header value.</returns>
    ValueTask<string> GetAuthorizationHeaderAsync(Uri resourceUri, CancellationToken cancellationToken = default);
}
