using DocPipeline.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;

namespace DocPipeline.Tests.Messaging.ServiceBus;

public sealed class ServiceBusRestClientFactoryTests
{
    [Fact]
    public void Create_ConnectionStringSetting_UsesIt()
    {
        var configuration = Build(new() { ["ServiceBusConnection"] = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v" });

        using var client = ServiceBusRestClientFactory.Create(configuration, "ServiceBusConnection", "orders");

        Assert.Equal(new Uri("https://contoso.servicebus.windows.net/orders"), client.QueueUri);
    }

    [Fact]
    public void Create_ConnectionStringsSection_UsesIt()
    {
        var configuration = Build(new() { ["ConnectionStrings:Bus"] = "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=jobs" });

        using var client = ServiceBusRestClientFactory.Create(configuration, "Bus", null);

        Assert.Equal("jobs", client.QueueName);
    }

    [Fact]
    public void Create_IdentitySettings_UsesNamespaceOverHttps()
    {
        var configuration = Build(new()
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "contoso.servicebus.windows.net",
            ["ServiceBusConnection:credential"] = "managedidentity",
            ["ServiceBusConnection:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        using var client = ServiceBusRestClientFactory.Create(configuration, "ServiceBusConnection", "orders");

        Assert.Equal(new Uri("https://contoso.servicebus.windows.net/orders"), client.QueueUri);
    }

    [Fact]
    public void Create_NothingConfigured_ThrowsNamingTheSettings()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => ServiceBusRestClientFactory.Create(Build([]), "ServiceBusConnection", "orders"));

        Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MalformedConnectionString_ThrowsWithConnectionName()
    {
        var configuration = Build(new() { ["Bus"] = "Endpoint=sb://contoso/" });

        var error = Assert.Throws<InvalidOperationException>(() => ServiceBusRestClientFactory.Create(configuration, "Bus", "orders"));

        Assert.StartsWith("Service Bus connection 'Bus'", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Build(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
