using DocPipeline.Host.Hosting;
using Microsoft.Extensions.Configuration;

namespace DocPipeline.Tests.Functions.Service;

public sealed class ServeUrlsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Resolve_Nothing_IsLocalhostOn7071() =>
        Assert.Equal(["http://localhost:7071"], ServeUrls.Resolve(Config()));

    [Fact]
    public void Resolve_LocalHttpPort_IsLocalhostOnThatPort() =>
        Assert.Equal(["http://localhost:8123"], ServeUrls.Resolve(Config(("Host:LocalHttpPort", "8123"))));

    [Fact]
    public void Resolve_Urls_WinOverThePort() =>
        Assert.Equal(["http://127.0.0.1:9000", "http://[::1]:9000"], ServeUrls.Resolve(Config(("Host:LocalHttpPort", "8123"), ("urls", "http://127.0.0.1:9000; http://[::1]:9000"))));

    [Fact]
    public void Resolve_HttpPorts_ListensOnAllInterfaces() =>
        Assert.Equal(["http://*:8080"], ServeUrls.Resolve(Config(("HTTP_PORTS", "8080"))));

    [Theory]
    [InlineData("http://localhost:7071", true)]
    [InlineData("http://LOCALHOST:7071", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://127.8.9.10:80", true)]
    [InlineData("http://[::1]:7071", true)]
    [InlineData("http://unix:/tmp/docpipeline.sock", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://*:7071", false)]
    [InlineData("http://+:7071", false)]
    [InlineData("http://[::]:7071", false)]
    [InlineData("https://10.0.0.4:443", false)]
    [InlineData("http://myhost.example:7071", false)]
    public void IsLoopback_Address_IsKnown(string url, bool loopback) =>
        Assert.Equal(loopback, ServeUrls.IsLoopback(url));
}
