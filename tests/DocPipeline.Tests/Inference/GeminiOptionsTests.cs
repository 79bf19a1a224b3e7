using DocPipeline.Inference;
using DocPipeline.Inference.Gemini;
using DocPipeline.Tests.Inference.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DocPipeline.Tests.Inference;

public sealed class GeminiOptionsTests
{
    [Fact]
    public void Defaults_AreGlobalLocationAnd120SecondTimeoutAndNotConfigured()
    {
        var options = new GeminiOptions();

        Assert.Equal("global", options.Location);
        Assert.Equal(TimeSpan.FromSeconds(120), options.RequestTimeout);
        Assert.False(options.IsConfigured);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData(GeminiBackend.Auto, "key", null, GeminiBackend.DeveloperApi, true)]
    [InlineData(GeminiBackend.Auto, null, "proj", GeminiBackend.Vertex, true)]
    [InlineData(GeminiBackend.Vertex, null, "proj", GeminiBackend.Vertex, true)]
    [InlineData(GeminiBackend.DeveloperApi, "key", "proj", GeminiBackend.DeveloperApi, true)]
    [InlineData(GeminiBackend.Auto, null, null, GeminiBackend.Vertex, false)]
    public void EffectiveBackendAndIsConfigured_FollowTheSettings(
        GeminiBackend backend, string? apiKey, string? project, GeminiBackend expected, bool configured)
    {
        var options = new GeminiOptions { Backend = backend, ApiKey = apiKey, ProjectId = project };

        Assert.Equal(expected, options.EffectiveBackend);
        Assert.Equal(configured, options.IsConfigured);
    }

    [Theory]
    [InlineData("Backend", "Vertex", "Pipeline:Gemini:ProjectId")]
    [InlineData("Backend", "DeveloperApi", "Pipeline:Gemini:ApiKey")]
    [InlineData("RequestTimeout", "00:00:00", "Pipeline:Gemini:RequestTimeout")]
    [InlineData("Location", "Europe West", "Pipeline:Gemini:Location")]
    [InlineData("ProjectId", "my/project", "Pipeline:Gemini:ProjectId")]
    [InlineData("CredentialsFile", "/no/such/key.json", "Pipeline:Gemini:CredentialsFile")]
    [InlineData("BaseUrl", "ftp://example.com/", "Pipeline:Gemini:BaseUrl")]
    public async Task AddGeminiInference_BadSetting_FailsStartNamingTheSetting(string setting, string value, string named)
    {
        using var host = Host(new Dictionary<string, string?> { ["Pipeline:Gemini:" + setting] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestGemini.Bounded()));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGeminiInference_BothKeyAndProjectWithAutoBackend_AsksForBackend()
    {
        using var host = Host(new Dictionary<string, string?> { ["Pipeline:Gemini:ApiKey"] = "k", ["Pipeline:Gemini:ProjectId"] = "p" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestGemini.Bounded()));

        Assert.Contains("Pipeline:Gemini:Backend", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGeminiInference_NothingSet_StartsAndReportsNotConfigured()
    {
        using var host = Host([]);

        await host.StartAsync(TestGemini.Bounded());

        Assert.False(host.Services.GetRequiredService<IOptions<GeminiOptions>>().Value.IsConfigured);
        await host.StopAsync(TestGemini.Bounded());
    }

    [Fact]
    public void Constructor_InvalidOptions_ThrowsNamingTheSetting()
    {
        var options = new GeminiOptions { Backend = GeminiBackend.Vertex, RequestTimeout = TimeSpan.FromSeconds(-1) };

        var error = Assert.Throws<ArgumentException>(() => new GeminiClient(TestGemini.NewHttpClient(), Options.Create(options)));

        Assert.Contains("Pipeline:Gemini:RequestTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pipeline:Gemini:ProjectId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGeminiInference_ResolvedClient_CallsTheConfiguredServiceWithTypedHttpClient()
    {
        await using var server = await FakeGeminiServer.StartAsync(TestGemini.Bounded());
        server.RequiredApiKey = "configured-key";
        using var host = Host(new Dictionary<string, string?>
        {
            ["Pipeline:Gemini:ApiKey"] = "configured-key",
            ["Pipeline:Gemini:BaseUrl"] = server.BaseUrl.AbsoluteUri,
            ["Pipeline:Gemini:RequestTimeout"] = "00:00:30",
            ["Pipeline:Models:RateLimits:gemini-2.5-flash:RequestsPerMinute"] = "100",
        });
        await host.StartAsync(TestGemini.Bounded());

        var client = host.Services.GetRequiredService<GeminiClient>();
        var response = await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.Equal(GeminiBackend.DeveloperApi, client.Backend);
        Assert.Equal("{\"ok\":true}", response.Text);
        Assert.Null(Assert.Single(server.Requests).Rejection);
        await host.StopAsync(TestGemini.Bounded());
    }

    [Fact]
    public async Task AddGeminiInference_CredentialsJson_ExchangesTheKeyForATokenAndSendsIt()
    {
        await using var server = await FakeGeminiServer.StartAsync(TestGemini.Bounded());
        using var directory = new TempDirectory();
        var keyJson = await File.ReadAllTextAsync(ServiceAccountKeyFile.Write(directory.Path, server.TokenUrl));
        server.IssuedAccessToken = "ya29.from-key-json";
        server.RequiredBearerToken = "ya29.from-key-json";
        using var host = Host(new Dictionary<string, string?>
        {
            ["Pipeline:Gemini:ProjectId"] = TestGemini.Project,
            ["Pipeline:Gemini:CredentialsJson"] = keyJson,
            ["Pipeline:Gemini:BaseUrl"] = server.BaseUrl.AbsoluteUri,
        });
        await host.StartAsync(TestGemini.Bounded());

        var client = host.Services.GetRequiredService<GeminiClient>();
        await client.GenerateAsync(TestGemini.Request(), TestGemini.Bounded());

        Assert.Equal(GeminiBackend.Vertex, client.Backend);
        Assert.Equal("Bearer ya29.from-key-json", Assert.Single(server.Requests).Authorization);
        Assert.Equal(1, server.TokenRequestCount);
        await host.StopAsync(TestGemini.Bounded());
    }

    [Fact]
    public async Task AddGeminiInference_CredentialsJsonNotAServiceAccountKey_FailsStartWithoutQuotingIt()
    {
        using var host = Host(new Dictionary<string, string?>
        {
            ["Pipeline:Gemini:ProjectId"] = "p",
            ["Pipeline:Gemini:CredentialsJson"] = "{\"type\":\"authorized_user\",\"refresh_token\":\"do-not-print-me\"}",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestGemini.Bounded()));

        Assert.Contains("Pipeline:Gemini:CredentialsJson", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("do-not-print-me", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGeminiInference_CredentialsJsonAndFile_AsksToKeepOne()
    {
        using var directory = new TempDirectory();
        var keyFile = ServiceAccountKeyFile.Write(directory.Path, new Uri("http://127.0.0.1:9/token"));
        using var host = Host(new Dictionary<string, string?>
        {
            ["Pipeline:Gemini:ProjectId"] = "p",
            ["Pipeline:Gemini:CredentialsFile"] = keyFile,
            ["Pipeline:Gemini:CredentialsJson"] = await File.ReadAllTextAsync(keyFile),
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestGemini.Bounded()));

        Assert.Contains("Pipeline:Gemini:CredentialsJson and Pipeline:Gemini:CredentialsFile are both set", error.Message, StringComparison.Ordinal);
    }

    private static IHost Host(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddGeminiInference(builder.Configuration);
        return builder.Build();
    }
}
