using System.Diagnostics;
using DocPipeline.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DocPipeline.Tests.Functions.Service;

/// <summary>What keeps <c>serve</c> (and <c>run</c>) from starting, and what they say.</summary>
[Collection(ServeCollection.Name)]
public sealed class ServeStartupTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(120)).Token;

    [Theory]
    [InlineData("http://0.0.0.0:7071")]
    [InlineData("http://*:8080")]
    [InlineData("http://[::]:7071")]
    [InlineData("http://127.0.0.1:7071;http://192.168.1.20:7071")]
    public void Build_NonLoopbackWithoutKey_RefusesAndSaysWhy(string urls)
    {
        var root = ServeTestHost.NewRoot();
        try
        {
            var ex = Assert.Throws<ServeStartupException>(() => ServeHost.Build(["--contentRoot=" + root, "--urls=" + urls]));

            Assert.Equal("DOCPIPELINE_API_KEY", ex.Setting);
            Assert.StartsWith("Refusing to listen on ", ex.Message, StringComparison.Ordinal);
            Assert.Contains("without an API key", ex.Message, StringComparison.Ordinal);
            Assert.Contains("DOCPIPELINE_API_KEY", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            ServeTestHost.DeleteRoot(root);
        }
    }

    [Fact]
    public async Task Build_NonLoopbackWithKey_Builds()
    {
        var root = ServeTestHost.NewRoot();
        try
        {
            await using var app = ServeHost.Build(["--contentRoot=" + root, "--urls=http://0.0.0.0:0", "--DOCPIPELINE_API_KEY=a-long-enough-test-key-123"]);
            Assert.Equal(1, app.Services.GetRequiredService<DocPipeline.Host.Security.ApiKeyRing>().Count);
        }
        finally
        {
            ServeTestHost.DeleteRoot(root);
        }
    }

    [Theory]
    [InlineData("extensions:durableTask:maxConcurrentActivityFunctions=lots", "extensions:durableTask:MaxConcurrentActivityFunctions")]
    [InlineData("Pipeline:MaxChunkTokens=-5", "Pipeline:MaxChunkTokens")]
    [InlineData("Pipeline:MaxDocumentBytes=big", "Pipeline:MaxDocumentBytes")]
    [InlineData("extensions:durableTask:hubName=no spaces allowed", "extensions:durableTask:HubName")]
    public void Validate_InvalidSetting_NamesTheSetting(string setting, string named)
    {
        var root = ServeTestHost.NewRoot();
        try
        {
            using var app = (IDisposable)ServeHost.Build(ServeTestHost.Arguments(root, setting));
            var services = ((Microsoft.AspNetCore.Builder.WebApplication)app).Services;

            var ex = Record.Exception(() => services.GetRequiredService<IStartupValidator>().Validate());

            Assert.NotNull(ex);
            Assert.True(ServeStartupErrors.TryDescribe(ex, out var message), ex.ToString());
            Assert.Contains(named, message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        }
        finally
        {
            ServeTestHost.DeleteRoot(root);
        }
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:blobServiceUrl=https://x.blob.core.windows.net", "AzureWebJobsStorage__blobServiceUrl")]
    [InlineData("DocPipeline:Storage=cosmos", "DocPipeline:Storage")]
    [InlineData("DocPipeline:Storage=azure", "AzureWebJobsStorage")]
    [InlineData("Host:LocalHttpPort=seventy", "Host:LocalHttpPort")]
    [InlineData("DOCPIPELINE_API_KEY=short", "DOCPIPELINE_API_KEY")]
    [InlineData("urls=http//nope", "urls")]
    [InlineData("ServiceBusConnection=not a connection string", "ServiceBusConnection")]
    [InlineData("ServiceBusConnection:fullyQualifiedNamespace=not a host", "ServiceBusConnection__fullyQualifiedNamespace")]
    public void Build_InvalidServeSetting_NamesTheSetting(string setting, string named)
    {
        var root = ServeTestHost.NewRoot();
        try
        {
            var ex = Assert.Throws<ServeStartupException>(() => ServeHost.Build(["--contentRoot=" + root, "--" + setting]));

            Assert.Equal(named, ex.Setting);
            Assert.Contains(named, ex.Message, StringComparison.Ordinal);
            Assert.True(ServeStartupErrors.TryDescribe(ex, out var message));
            Assert.Equal(ex.Message, message);
        }
        finally
        {
            ServeTestHost.DeleteRoot(root);
        }
    }

    [Fact]
    public void Build_UnknownSqliteDurability_NamesTheSettingAndTheChoices()
    {
        var root = ServeTestHost.NewRoot();
        try
        {
            var ex = Record.Exception(() => ServeHost.Build(ServeTestHost.Arguments(root, "DocPipeline:SqliteDurability=sometimes")));

            Assert.NotNull(ex);
            Assert.True(ServeStartupErrors.TryDescribe(ex, out var message), ex.ToString());
            Assert.Equal("Invalid setting 'DocPipeline:SqliteDurability': the value cannot be read as one of Normal, Full.", message);
        }
        finally
        {
            ServeTestHost.DeleteRoot(root);
        }
    }

    [Fact]
    public Task ServeProcess_NonLoopbackWithoutKey_ExitsNonZeroWithTheReason() =>
        AssertRefusedAsync(
            _ => Task.CompletedTask,
            "Refusing to listen on http://0.0.0.0:0 without an API key",
            StringComparison.Ordinal,
            "serve", "--urls", "http://0.0.0.0:0");

    [Fact]
    public Task ServeProcess_InvalidHostJsonSetting_ExitsNonZeroNamingIt() =>
        AssertRefusedAsync(
            root => File.WriteAllTextAsync(Path.Combine(root, "host.json"), """{ "version": "2.0", "extensions": { "durableTask": { "maxConcurrentActivityFunctions": "many" } } }"""),
            "extensions:durableTask:MaxConcurrentActivityFunctions",
            StringComparison.OrdinalIgnoreCase,
            "serve", "--urls", "http://127.0.0.1:0");

    [Fact]
    public Task ServeProcess_MalformedServiceBusConnection_ExitsNonZeroNamingIt() =>
        AssertRefusedAsync(
            root => File.WriteAllTextAsync(Path.Combine(root, "local.settings.json"), """{ "IsEncrypted": false, "Values": { "ServiceBusConnection": "Endpoint=sb://ns.servicebus.windows.net/" } }"""),
            "'ServiceBusConnection' has neither SharedAccessKeyName/SharedAccessKey nor SharedAccessSignature",
            StringComparison.Ordinal,
            "serve", "--urls", "http://127.0.0.1:0");

    [Fact]
    public Task RunProcess_InvalidLocalSetting_ExitsNonZeroNamingIt() =>
        AssertRefusedAsync(
            async root =>
            {
                await File.WriteAllTextAsync(Path.Combine(root, "local.settings.json"), """{ "IsEncrypted": false, "Values": { "Pipeline__MaxChunkTokens": "-5" } }""");
                await File.WriteAllTextAsync(Path.Combine(root, "doc.txt"), "A short note about the quarterly budget review.");
            },
            "Pipeline:MaxChunkTokens",
            StringComparison.Ordinal,
            "run", "doc.txt");

    /// <summary>
    /// Runs the app in a fresh root prepared by <paramref name="prepare"/>: it must exit with code 2 and a message
    /// containing <paramref name="reason"/>, without a stack trace.
    /// </summary>
    private static async Task AssertRefusedAsync(Func<string, Task> prepare, string reason, StringComparison comparison, params string[] args)
    {
        var root = ServeTestHost.NewRoot();
        try
        {
            await prepare(root);

            var (exitCode, output, error) = await RunAppAsync(root, Timeout(), args);

            Assert.Equal(2, exitCode);
            Assert.Contains(reason, error, comparison);
            Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        }
        finally
        {
            ServeTestHost.DeleteRoot(root);
        }
    }

    /// <summary>Runs the built <c>docpipeline</c> in <paramref name="root"/> and returns its exit code and output.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAppAsync(string root, CancellationToken ct, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(TestPaths.ProjectDll("src/DocPipeline.Host", "docpipeline"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
