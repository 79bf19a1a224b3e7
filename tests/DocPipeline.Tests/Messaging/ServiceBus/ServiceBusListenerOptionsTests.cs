using DocPipeline.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;

namespace DocPipeline.Tests.Messaging.ServiceBus;

public sealed class ServiceBusListenerOptionsTests
{
    [Fact]
    public void Bind_HostJsonServiceBusSection_ReadsAllSettings()
    {
        using var json = new MemoryStream("""
            {
              "version": "2.0",
              "extensions": {
                "serviceBus": {
                  "maxConcurrentCalls": 4,
                  "autoCompleteMessages": false,
                  "maxAutoLockRenewalDuration": "00:02:30",
                  "prefetchCount": 20
                }
              }
            }
            """u8.ToArray());
        var configuration = new ConfigurationBuilder().AddJsonStream(json).Build();

        var options = new ServiceBusListenerOptions();
        configuration.GetSection("extensions:serviceBus").Bind(options);
        options.Validate();

        Assert.Equal(4, options.MaxConcurrentCalls);
        Assert.False(options.AutoCompleteMessages);
        Assert.Equal(TimeSpan.FromSeconds(150), options.MaxAutoLockRenewalDuration);
        Assert.Equal(20, options.PrefetchCount);
    }

    [Fact]
    public void Defaults_MatchAzureFunctionsServiceBusExtension()
    {
        var options = new ServiceBusListenerOptions();

        Assert.Equal(16, options.MaxConcurrentCalls);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxAutoLockRenewalDuration);
        Assert.True(options.AutoCompleteMessages);
    }
}
