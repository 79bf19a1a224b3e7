namespace DocPipeline.Messaging.ServiceBus;

/// <summary>A pre-issued shared access signature taken from a connection string; it cannot be renewed.</summary>
internal sealed class FixedSignatureAuthorization(string signature) : IServiceBusAuthorization
{
    public ValueTask<string> GetAuthorizationHeaderAsync(Uri resourceUri, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(signature);
}
