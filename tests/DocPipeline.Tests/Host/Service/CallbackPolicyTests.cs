using DocPipeline.Host.Apis;
using DocPipeline.Host.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>Which callback URLs an upload may name, by how the host is exposed.</summary>
public sealed class CallbackPolicyTests
{
    [Theory]
    [InlineData("http://localhost/hook", true)]
    [InlineData("http://api.localhost:8080/hook", true)]
    [InlineData("http://127.0.0.1:9/hook", true)]
    [InlineData("http://10.1.2.3/hook", true)]
    [InlineData("http://172.20.0.5/hook", true)]
    [InlineData("http://192.168.1.10/hook", true)]
    [InlineData("http://169.254.169.254/latest/meta-data", true)]
    [InlineData("http://[::1]/hook", true)]
    [InlineData("http://[fd00::1]/hook", true)]
    [InlineData("http://[::ffff:10.0.0.1]/hook", true)]
    [InlineData("http://0.0.0.0/hook", true)]
    [InlineData("https://hooks.example.com/done", false)]
    [InlineData("http://172.32.0.1/hook", false)]
    [InlineData("http://8.8.8.8/hook", false)]
    public void IsPrivate_Hosts_ClassifiedByAddressRange(string url, bool expected) =>
        Assert.Equal(expected, CallbackPolicy.IsPrivate(new Uri(url)));

    [Fact]
    public void Check_HostWithKeys_RefusesPrivateTargetsUnlessAllowed()
    {
        var keyed = Services(new() { [ApiKeyRing.SingleKeySetting] = "a-long-enough-test-key-123" });
        var error = Assert.Throws<UploadProblem>(() => CallbackPolicy.Check(new Uri("http://169.254.169.254/x"), keyed));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains(CallbackPolicy.Setting, error.Message);
        CallbackPolicy.Check(new Uri("https://hooks.example.com/done"), keyed);

        var allowed = Services(new() { [ApiKeyRing.SingleKeySetting] = "a-long-enough-test-key-123", [CallbackPolicy.Setting] = "true" });
        CallbackPolicy.Check(new Uri("http://10.0.0.5/hook"), allowed);
    }

    [Fact]
    public void Check_KeylessLoopbackHost_AllowsLocalTargets() =>
        CallbackPolicy.Check(new Uri("http://127.0.0.1:9/hook"), Services([]));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task CallbackClient_PrivateNotAllowed_RefusesToConnectByAddressOrName(string host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var receiver = await HeldCallbackServer.StartAsync(timeout.Token);
        var target = new UriBuilder(receiver.Url) { Host = host }.Uri;
        using var client = new HttpClient(CallbackPolicy.CreateHandler(allowPrivate: false));

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(target, new StringContent("{}"), timeout.Token));

        Assert.Contains(CallbackPolicy.Setting, error.Message);
        Assert.False(receiver.Called.IsCompleted, "nothing should have reached the receiver");
    }

    [Fact]
    public async Task CallbackClient_PrivateAllowed_ReachesALoopbackReceiver()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var receiver = await HeldCallbackServer.StartAsync(timeout.Token);
        using var client = new HttpClient(CallbackPolicy.CreateHandler(allowPrivate: true));
        Task<HttpResponseMessage> post;
        try
        {
            post = client.PostAsync(receiver.Url, new StringContent("{}"), timeout.Token);
            await receiver.Called.WaitAsync(timeout.Token);
        }
        finally
        {
            // Releases the held request, then stops.
            await receiver.DisposeAsync();
        }

        using var response = await post;
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(ApiKeyRing.FromConfiguration(configuration))
            .BuildServiceProvider();
    }
}
