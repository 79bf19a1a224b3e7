using DocPipeline.Messaging.ServiceBus;

namespace DocPipeline.Tests.Messaging.ServiceBus;

public sealed class ServiceBusConnectionStringTests
{
    [Fact]
    public void Parse_SbEndpoint_BecomesHttpsAndReadsAllParts()
    {
        var parsed = ServiceBusConnectionString.Parse(
            "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=a2V5a2V5a2V5=;EntityPath=orders");

        Assert.Equal(new Uri("https://contoso.servicebus.windows.net/"), parsed.Endpoint);
        Assert.Equal("send", parsed.SharedAccessKeyName);
        Assert.Equal("a2V5a2V5a2V5=", parsed.SharedAccessKey);
        Assert.Equal("orders", parsed.EntityPath);
        Assert.Null(parsed.SharedAccessSignature);
    }

    [Fact]
    public void Parse_HttpEndpointWithPort_KeptAsWritten()
    {
        var parsed = ServiceBusConnectionString.Parse("endpoint=http://127.0.0.1:5055;sharedaccesskeyname=k;sharedaccesskey=v");

        Assert.Equal(new Uri("http://127.0.0.1:5055/"), parsed.Endpoint);
    }

    [Fact]
    public void Parse_DevelopmentEmulator_UsesHttp()
    {
        var parsed = ServiceBusConnectionString.Parse(
            "Endpoint=sb://localhost;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true");

        Assert.Equal(Uri.UriSchemeHttp, parsed.Endpoint.Scheme);
    }

    [Fact]
    public void Parse_SharedAccessSignatureOnly_Accepted()
    {
        var parsed = ServiceBusConnectionString.Parse(
            "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessSignature=SharedAccessSignature sr=x&sig=y&se=1&skn=z");

        Assert.Equal("SharedAccessSignature sr=x&sig=y&se=1&skn=z", parsed.SharedAccessSignature);
    }

    [Theory]
    [InlineData("SharedAccessKeyName=k;SharedAccessKey=TOPSECRET", "no Endpoint")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKey=TOPSECRET", "SharedAccessKeyName")]
    [InlineData("Endpoint=ftp://contoso/;SharedAccessKeyName=k;SharedAccessKey=TOPSECRET", "scheme")]
    [InlineData("Endpoint=sb://contoso/;TOPSECRET", "Key=Value")]
    [InlineData("   ", "empty")]
    public void Parse_Malformed_ThrowsClearErrorWithoutSecrets(string connectionString, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ServiceBusConnectionString.Parse(connectionString));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", error.Message, StringComparison.Ordinal);
    }
}
