using Azure.Identity;
using DocPipeline.Host.Hosting;
using Microsoft.Extensions.Configuration;

namespace DocPipeline.Tests.Functions.Service;

public sealed class StorageSelectionTests
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void FromConfiguration_NothingSet_IsEmbedded() =>
        Assert.Equal(StorageKind.Embedded, StorageSelection.FromConfiguration(Config(("AzureWebJobsStorage", ""))).Kind);

    [Fact]
    public void FromConfiguration_DevelopmentStorage_IsAzureStorage()
    {
        var selection = StorageSelection.FromConfiguration(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(StorageKind.AzureStorage, selection.Kind);
        Assert.Equal("UseDevelopmentStorage=true", selection.Azure!.ConnectionString);
        Assert.Equal("devstoreaccount1", selection.Azure.CreateBlobServiceClient().AccountName);
    }

    [Fact]
    public void FromConfiguration_ForcedEmbedded_IgnoresTheConnection() =>
        Assert.Equal(StorageKind.Embedded, StorageSelection.FromConfiguration(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("DocPipeline:Storage", "embedded"))).Kind);

    [Fact]
    public void FromConfiguration_ConnectionString_DescribesWithoutTheKey()
    {
        var selection = StorageSelection.FromConfiguration(Config(("AzureWebJobsStorage", $"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={AccountKey};EndpointSuffix=core.windows.net")));

        Assert.Contains("acme", selection.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain(AccountKey, selection.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain(AccountKey, selection.Azure!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_MalformedConnectionString_NamesTheSettingWithoutEchoingIt()
    {
        const string secret = "AccountName=acme;AccountKey=c2VjcmV0LXNlY3JldA==;Nonsense";

        var ex = Assert.Throws<ServeStartupException>(() => StorageSelection.FromConfiguration(Config(("AzureWebJobsStorage", secret))));

        Assert.Equal("AzureWebJobsStorage", ex.Setting);
        Assert.DoesNotContain("c2VjcmV0LXNlY3JldA==", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_AccountName_DerivesTheThreeServiceUris()
    {
        var selection = StorageSelection.FromConfiguration(Config(("AzureWebJobsStorage:accountName", "acme01"), ("AzureWebJobsStorage:credential", "managedidentity"), ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));
        var azure = selection.Azure!;

        Assert.Null(azure.ConnectionString);
        Assert.Equal(new Uri("https://acme01.blob.core.windows.net/"), azure.BlobServiceUri);
        Assert.Equal(new Uri("https://acme01.queue.core.windows.net/"), azure.QueueServiceUri);
        Assert.Equal(new Uri("https://acme01.table.core.windows.net/"), azure.TableServiceUri);
        Assert.IsType<ManagedIdentityCredential>(azure.Credential);
    }

    [Fact]
    public void FromConfiguration_ServiceUrisWithoutCredential_UsesTheDefaultCredential()
    {
        var azure = StorageSelection.FromConfiguration(Config(
            ("AzureWebJobsStorage:blobServiceUri", "https://acme.blob.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://acme.queue.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://acme.table.core.windows.net"))).Azure!;

        Assert.IsType<DefaultAzureCredential>(azure.Credential);
        Assert.Equal("acme.queue.core.windows.net", azure.QueueServiceUri!.Host);
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:blobServiceUrl", "https://acme.blob.core.windows.net", "AzureWebJobsStorage__blobServiceUrl")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "https://acme.blob.core.windows.net", "AzureWebJobsStorage__queueServiceUri")]
    [InlineData("AzureWebJobsStorage:accountName", "Not_Valid", "AzureWebJobsStorage__accountName")]
    [InlineData("AzureWebJobsStorage:credential", "password", "AzureWebJobsStorage__credential")]
    public void FromConfiguration_BadIdentitySetting_NamesIt(string key, string value, string named)
    {
        var ex = Assert.Throws<ServeStartupException>(() => StorageSelection.FromConfiguration(Config((key, value), ("AzureWebJobsStorage:tableServiceUri", "https://acme.table.core.windows.net"))));

        Assert.Equal(named, ex.Setting);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_RelativeServiceUri_NamesIt()
    {
        var ex = Assert.Throws<ServeStartupException>(() => StorageSelection.FromConfiguration(Config(("AzureWebJobsStorage:accountName", "acme"), ("AzureWebJobsStorage:tableServiceUri", "acme.table"))));

        Assert.Equal("AzureWebJobsStorage__tableServiceUri", ex.Setting);
    }

    [Fact]
    public void FromConfiguration_BothConnectionStringAndIdentity_Refuses()
    {
        var ex = Assert.Throws<ServeStartupException>(() => StorageSelection.FromConfiguration(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true"), ("AzureWebJobsStorage:accountName", "acme"))));

        Assert.Equal("AzureWebJobsStorage", ex.Setting);
    }

    [Theory]
    [InlineData("mongo")]
    [InlineData("files")]
    public void FromConfiguration_UnknownStorage_NamesTheSetting(string value)
    {
        var ex = Assert.Throws<ServeStartupException>(() => StorageSelection.FromConfiguration(Config(("DocPipeline:Storage", value))));

        Assert.Equal("DocPipeline:Storage", ex.Setting);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }
}
