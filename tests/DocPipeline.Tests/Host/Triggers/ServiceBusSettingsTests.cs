using Azure.Identity;
using Azure.Messaging.ServiceBus;
using DocPipeline.Host.Hosting;
using DocPipeline.Host.Triggers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DocPipeline.Tests.Functions.Triggers;

public sealed class ServiceBusSettingsTests : IDisposable
{
    private const string ConnectionString = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=c2VjcmV0a2V5";
    private readonly TempAppRoot _root = new();

    [Theory]
    [InlineData("ServiceBusConnection")]
    [InlineData("ConnectionStrings:ServiceBusConnection")]
    public void Read_ConnectionString_NamesTheNamespace(string key)
    {
        var connection = ServiceBusConnection.Read(Settings(new() { [key] = ConnectionString }), "ServiceBusConnection");

        Assert.NotNull(connection);
        Assert.Equal(("ns.servicebus.windows.net", ConnectionString, null), (connection.FullyQualifiedNamespace, connection.ConnectionString, connection.Credential));
        Assert.DoesNotContain("c2VjcmV0a2V5", connection.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ns.servicebus.windows.net")]
    [InlineData("sb://ns.servicebus.windows.net/")]
    public void Read_FullyQualifiedNamespace_IdentityConnection(string value)
    {
        var connection = ServiceBusConnection.Read(
            Settings(new() { ["ServiceBusConnection:fullyQualifiedNamespace"] = value, ["ServiceBusConnection:credential"] = "managedidentity" }),
            "ServiceBusConnection");

        Assert.NotNull(connection);
        Assert.Equal("ns.servicebus.windows.net", connection.FullyQualifiedNamespace);
        Assert.Null(connection.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
    }

    [Theory]
    [InlineData("ServiceBusConnection", "  ")]
    [InlineData("OtherConnection", ConnectionString)]
    public void Read_NotSet_Null(string key, string value) =>
        Assert.Null(ServiceBusConnection.Read(Settings(new() { [key] = value }), "ServiceBusConnection"));

    [Theory]
    [InlineData("ServiceBusConnection", "this is not a connection string; SharedAccessKey=TOPSECRET", "ServiceBusConnection", "is not a valid Service Bus connection string")]
    [InlineData("ServiceBusConnection", "SharedAccessKeyName=k;SharedAccessKey=TOPSECRET", "ServiceBusConnection", "has no Endpoint")]
    [InlineData("ServiceBusConnection", "Endpoint=sb://ns.servicebus.windows.net/", "ServiceBusConnection", "neither SharedAccessKeyName/SharedAccessKey nor SharedAccessSignature")]
    [InlineData("ServiceBusConnection:fullyQualifiedNamespace", "not a host name", "ServiceBusConnection__fullyQualifiedNamespace", "must be the namespace host name")]
    [InlineData("ServiceBusConnection:clientId", "0000", "ServiceBusConnection__fullyQualifiedNamespace", "is required for an identity-based Service Bus connection")]
    [InlineData("ServiceBusConnection:namespace", "ns.servicebus.windows.net", "ServiceBusConnection__namespace", "Unknown Service Bus setting")]
    public void Read_Malformed_ThrowsNamingTheSettingWithoutTheSecret(string key, string value, string setting, string expected)
    {
        var error = Assert.Throws<ServeStartupException>(() => ServiceBusConnection.Read(Settings(new() { [key] = value }), "ServiceBusConnection"));

        Assert.Equal(setting, error.Setting);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ConnectionStringAndIdentityBothSet_Throws()
    {
        var configuration = Settings(new() { ["ServiceBusConnection"] = ConnectionString, ["ServiceBusConnection:fullyQualifiedNamespace"] = "ns.servicebus.windows.net" });

        var error = Assert.Throws<ServeStartupException>(() => ServiceBusConnection.Read(configuration, "ServiceBusConnection"));

        Assert.Contains("keep one of them", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_QueueAndConnectionNameSet_UsesThem()
    {
        var configuration = Settings(new() { ["Pipeline:ServiceBusQueue"] = "inbound", ["Pipeline:ServiceBusConnectionName"] = "Bus" });

        var options = ServiceBusTriggerOptions.From(configuration);

        Assert.Equal(("Bus", "inbound"), (options.ConnectionName, options.QueueName));
    }

    [Fact]
    public void From_ConnectionStringWithEntityPath_QueueFromIt()
    {
        var configuration = Settings(new() { ["ServiceBusConnection"] = ConnectionString + ";EntityPath=orders" });

        var options = ServiceBusTriggerOptions.From(configuration, ServiceBusConnection.Read(configuration, "ServiceBusConnection"));

        Assert.Equal("orders", options.QueueName);
    }

    [Fact]
    public void From_QueueDisagreesWithEntityPath_Throws()
    {
        var configuration = Settings(new() { ["ServiceBusConnection"] = ConnectionString + ";EntityPath=orders", ["Pipeline:ServiceBusQueue"] = "documents" });

        var error = Assert.Throws<ServeStartupException>(() => ServiceBusTriggerOptions.From(configuration, ServiceBusConnection.Read(configuration, "ServiceBusConnection")));

        Assert.Equal("Pipeline:ServiceBusQueue", error.Setting);
    }

    [Fact]
    public void ToProcessorOptions_HostJsonNames_PeekLockSettledByHandler()
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream("""
            { "extensions": { "serviceBus": { "maxConcurrentCalls": 3, "maxAutoLockRenewalDuration": "00:10:00", "prefetchCount": 5, "autoCompleteMessages": true } } }
            """u8.ToArray())).Build();
        var options = configuration.GetSection(ServiceBusExtensionOptions.SectionName).Get<ServiceBusExtensionOptions>()!;

        var processor = options.ToProcessorOptions();

        Assert.Equal(ServiceBusReceiveMode.PeekLock, processor.ReceiveMode);
        Assert.False(processor.AutoCompleteMessages);
        Assert.Equal((3, TimeSpan.FromMinutes(10), 5), (processor.MaxConcurrentCalls, processor.MaxAutoLockRenewalDuration, processor.PrefetchCount));
    }

    [Fact]
    public void ToProcessorOptions_Defaults_MatchAzureFunctions()
    {
        var processor = new ServiceBusExtensionOptions().ToProcessorOptions();

        Assert.Equal((16, TimeSpan.FromMinutes(5)), (processor.MaxConcurrentCalls, processor.MaxAutoLockRenewalDuration));
    }

    [Fact]
    public async Task AddDocPipelineTriggers_NoConnection_NoServiceBusTrigger()
    {
        await using var services = Services(new() { ["Pipeline:ServiceBusQueue"] = "inbound" });

        Assert.Empty(services.GetServices<IHostedService>().OfType<ServiceBusTrigger>());
    }

    [Fact]
    public async Task AddDocPipelineTriggers_Connection_TriggerOnTheConfiguredQueue()
    {
        await using var services = Services(new() { ["ServiceBusConnection"] = ConnectionString, ["Pipeline:ServiceBusQueue"] = "inbound" });

        Assert.Single(services.GetServices<IHostedService>().OfType<ServiceBusTrigger>());
        Assert.Equal("inbound", services.GetRequiredService<ServiceBusTriggerOptions>().QueueName);
    }

    [Theory]
    [InlineData("extensions:serviceBus:maxConcurrentCalls", "0", "extensions:serviceBus:MaxConcurrentCalls")]
    [InlineData("extensions:serviceBus:maxAutoLockRenewalDuration", "-00:01:00", "MaxAutoLockRenewalDuration")]
    public async Task Validate_BadProcessorSetting_NamesIt(string key, string value, string named)
    {
        await using var services = Services(new() { ["ServiceBusConnection"] = ConnectionString, [key] = value });

        var error = Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.NotNull(error);
        Assert.True(ServeStartupErrors.TryDescribe(error, out var message), error.ToString());
        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();

    private static IConfiguration Settings(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private ServiceProvider Services(Dictionary<string, string?> values)
    {
        var configuration = Settings(values);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDocPipeline(configuration, Path.Combine(_root.Path, ".docpipeline"), runWorker: false);
        services.AddDocPipelineTriggers(configuration, TriggerEnvironment.Embedded(_root.Path));
        return services.BuildServiceProvider();
    }
}
