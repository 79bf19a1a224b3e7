using System.Xml.Linq;
using DocPipeline.Host.Hosting;
using DocPipeline.Pipeline;
using DocPipeline.Host.Security;
using DocPipeline.Host.Triggers;
using Microsoft.Extensions.Configuration;

namespace DocPipeline.Tests.Infra;

public sealed class DockerfileTests
{
    private readonly DockerfileInstructions _dockerfile = DockerfileInstructions.Read();

    [Fact]
    public void Copy_EverySource_ExistsInTheRepository()
    {
        Assert.NotEmpty(_dockerfile.CopySources);
        foreach (var source in _dockerfile.CopySources)
        {
            var path = System.IO.Path.Combine(TestPaths.RepositoryRoot, source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY source '{source}' is not in the repository");
        }
    }

    [Fact]
    public void Copy_Sources_AreNotExcludedByDockerignore()
    {
        var ignored = File.ReadAllLines(System.IO.Path.Combine(TestPaths.RepositoryRoot, ".dockerignore"))
            .Select(l => l.Trim().TrimEnd('/'))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(_dockerfile.CopySources, source => Assert.DoesNotContain(source.TrimEnd('/'), ignored));
    }

    [Fact]
    public void EntryPoint_RunsTheHostAssemblyItPublishes()
    {
        const string project = "src/DocPipeline.Host/DocPipeline.Host.csproj";
        var assemblyName = XDocument.Load(System.IO.Path.Combine(TestPaths.RepositoryRoot, project)).Descendants("AssemblyName").Single().Value;

        Assert.Contains(_dockerfile.Runs, r => r.StartsWith($"dotnet publish {project} ", StringComparison.Ordinal));
        Assert.Equal($"[\"dotnet\", \"{assemblyName}.dll\"]", _dockerfile.EntryPoint);
        Assert.Equal("[\"serve\"]", _dockerfile.Command);
    }

    [Fact]
    public void Environment_WithoutApiKey_RefusesToListenOnTheContainerPort()
    {
        var exception = Assert.Throws<ServeStartupException>(() => ServeSettings.Read(ContainerConfiguration(), "/app"));

        Assert.Contains("http://*:8080", exception.Message, StringComparison.Ordinal);
        Assert.Contains(ApiKeyRing.SingleKeySetting, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_WithApiKey_ListensOnTheContainerPortAndKeepsStateInData()
    {
        var configuration = ContainerConfiguration(new KeyValuePair<string, string?>(ApiKeyRing.SingleKeySetting, "container-test-key-0123456789"));

        var settings = ServeSettings.Read(configuration, "/app");
        var pipeline = configuration.GetSection(PipelineOptions.SectionName).Get<PipelineOptions>()!;
        var blobDrop = configuration.GetSection(BlobDropOptions.SectionName).Get<BlobDropOptions>()!;

        Assert.Equal(["http://*:8080"], settings.Urls);
        Assert.True(settings.Keys.IsEnabled);
        Assert.Equal("/data/.docpipeline", settings.DataPath);
        Assert.Equal("/data/results", pipeline.ResultsPath);
        Assert.Equal("/data/incoming", blobDrop.Folder);
    }

    // The environment the image sets, read the way the host reads it: plain variables with __ as the section
    // separator, and ASPNETCORE_-prefixed ones also without their prefix (as the web host builder adds them).
    private IConfiguration ContainerConfiguration(params KeyValuePair<string, string?>[] extra)
    {
        var values = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in _dockerfile.Environment)
        {
            values.Add(new(key.Replace("__", ":", StringComparison.Ordinal), value));
            if (key.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
            {
                values.Add(new(key["ASPNETCORE_".Length..], value));
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection([.. values, .. extra]).Build();
    }
}
