using DocPipeline.Messaging.ServiceBus;
using DocPipeline.Tests.Messaging.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace DocPipeline.Tests.Messaging.ServiceBus;

public sealed class TokenCredentialAuthorizationTests
{
    private static readonly Uri Queue = new("https://contoso.servicebus.windows.net/orders");

    [Fact]
    public async Task GetAuthorizationHeaderAsync_AsksForServiceBusScope_ReturnsBearer()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var credential = new FixedTokenCredential("entra-token", time.GetUtcNow().AddHours(1));
        var authorization = new TokenCredentialAuthorization(credential, time);

        var header = await authorization.GetAuthorizationHeaderAsync(Queue);

        Assert.Equal("Bearer entra-token", header);
        Assert.Equal(["https://servicebus.azure.net/.default"], credential.LastScopes);
    }

    [Fact]
    public async Task GetAuthorizationHeaderAsync_CachesUntilNearExpiry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var credential = new FixedTokenCredential("entra-token", time.GetUtcNow().AddHours(1));
        var authorization = new TokenCredentialAuthorization(credential, time);

        await authorization.GetAuthorizationHeaderAsync(Queue);
        time.Advance(TimeSpan.FromMinutes(30));
        await authorization.GetAuthorizationHeaderAsync(Queue);
        Assert.Equal(1, credential.Calls);

        time.Advance(TimeSpan.FromMinutes(27));
        await authorization.GetAuthorizationHeaderAsync(Queue);
        Assert.Equal(2, credential.Calls);
    }
}
