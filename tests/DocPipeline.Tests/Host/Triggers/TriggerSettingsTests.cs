using Azure.Core;
using DocPipeline.Host.Triggers;

namespace DocPipeline.Tests.Functions.Triggers;

public sealed class TriggerSettingsTests
{
    [Fact]
    public void Validate_AzureStorageWithoutConnection_ThrowsNamingWhatIsMissing()
    {
        var environment = new TriggerEnvironment { Mode = TriggerStorageMode.AzureStorage, AppRoot = "/app", BlobServiceUri = new Uri("https://a.blob.core.windows.net") };

        var error = Assert.Throws<InvalidOperationException>(environment.Validate);

        Assert.Contains("connection string or the blob and queue service URIs with a credential", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBlobServiceClient_Embedded_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TriggerEnvironment.Embedded("/app").CreateBlobServiceClient());

        Assert.Contains("only in Azure Storage mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateClients_ServiceUrisWithCredential_PointAtTheAccount()
    {
        var environment = TriggerEnvironment.AzureStorage(
            "/app", new Uri("https://acct.blob.core.windows.net"), new Uri("https://acct.queue.core.windows.net"), new NoCredential());

        Assert.Equal(("acct", "acct"), (environment.CreateBlobServiceClient().AccountName, environment.CreateQueueServiceClient().AccountName));
    }

    [Fact]
    public void ResolvedPoisonQueueName_Unset_IsQueueNameWithPoisonSuffix()
    {
        Assert.Equal("ingest-poison", new IngestQueueOptions().ResolvedPoisonQueueName);
        Assert.Equal("dead", new IngestQueueOptions { PoisonQueueName = "dead" }.ResolvedPoisonQueueName);
    }

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }
}
