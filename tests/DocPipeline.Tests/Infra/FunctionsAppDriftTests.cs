using System.Reflection;
using System.Text.Json;

namespace DocPipeline.Tests.Infra;

/// <summary>
/// The names main.bicep creates and the settings it passes match what the built Functions app reads: its names
/// classes, its generated functions.metadata, its host.json and its options types.
/// </summary>
public sealed class FunctionsAppDriftTests(FunctionsAppDriftFixture fixture) : IClassFixture<FunctionsAppDriftFixture>
{
    private const string StorageNames = "DocPipeline.Functions.StorageNames";
    private const string FunctionNames = "DocPipeline.Functions.FunctionNames";

    private FunctionsAppBuild App => fixture.App;

    private BicepDeclarations Main => fixture.Main;

    private IReadOnlyDictionary<string, string> Names => App.Constants(StorageNames);

    [Fact]
    public void Containers_EveryContainerTheAppUses_IsCreated()
    {
        var created = Main.ResolveArrayVar("containers");
        var used = Names.Where(n => n.Key.EndsWith("Container", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(used);
        Assert.All(used, n => Assert.True(created.Contains(n.Value), $"StorageNames.{n.Key} = '{n.Value}' is not among the containers main.bicep creates: {string.Join(", ", created)}"));
    }

    [Fact]
    public void Containers_NamedLikeTheApp_AreTheAppsNames()
    {
        Assert.Equal(Names["IncomingContainer"], Main.ResolveVar("incomingContainer"));
        Assert.Equal(Names["FailedContainer"], Main.ResolveVar("failedContainer"));
        Assert.Equal(Names["ResultsContainer"], Main.ResolveVar("resultsContainer"));
        Assert.Equal(Names["ArtifactsContainer"], Main.ResolveVar("artifactsContainer"));
        Assert.Equal(Names["ModelResponsesContainer"], Main.ResolveVar("modelResponsesContainer"));
    }

    [Fact]
    public void Queues_EveryQueueTheAppReadsOrWrites_IsCreated()
    {
        var created = Main.ResolveArrayVar("queues");
        var triggered = Bindings("queueTrigger").Select(b => b.GetProperty("queueName").GetString()!).ToList();

        Assert.NotEmpty(triggered);
        Assert.All([Names["IngestQueue"], Names["IngestPoisonQueue"], .. triggered], q => Assert.Contains(q, created));
    }

    [Fact]
    public void HubName_Default_IsTheHostJsonHubAndTheAppsHub()
    {
        var hostJsonHub = App.HostJson.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString();

        Assert.Equal(hostJsonHub, Main.ParamDefault("hubName").GetString());
        Assert.Equal(Names["HubName"], hostJsonHub);
    }

    [Fact]
    public void HubName_Override_ReachesBothTheFunctionsHostAndTheWorker()
    {
        var settings = Main.SettingNames();

        Assert.Contains("AzureFunctionsJobHost__extensions__durableTask__hubName", settings);
        Assert.Contains("extensions__durableTask__hubName", settings);
    }

    [Fact]
    public void Connections_EveryBindingConnection_HasIdentitySettings()
    {
        var settings = Main.SettingNames();
        var connections = App.Functions
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.TryGetProperty("connection", out _))
            .Select(b => b.GetProperty("connection").GetString()!)
            .Append(Names["StorageConnection"])
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.All(connections, c =>
        {
            Assert.Contains($"{c}__accountName", settings);
            Assert.Contains($"{c}__credential", settings);
            Assert.Contains($"{c}__clientId", settings);
        });
        Assert.DoesNotContain(Names["StorageConnection"], settings);
    }

    [Fact]
    public void Connections_ServiceBus_IsTheSettingTheAppReads()
    {
        var settings = Main.SettingNames();

        Assert.Contains($"{Names["ServiceBusConnection"]}__fullyQualifiedNamespace", settings);
        Assert.Contains($"{Names["ServiceBusConnection"]}__clientId", settings);
        Assert.Contains(AppSetting(Names["ServiceBusQueueSetting"]), settings);
        Assert.Equal(Names["DefaultServiceBusQueue"], Main.ParamDefault("serviceBusQueueName").GetString());
    }

    [Fact]
    public void EventGrid_BlobTriggerFunction_IsTheAppsEventGridBlobTrigger()
    {
        var functionName = Main.ResolveVar("blobTriggerFunctionName");
        var trigger = App.Function(functionName).GetProperty("bindings").EnumerateArray().Single(b => Type(b) == "blobTrigger");

        Assert.Equal(App.Constants(FunctionNames)["IncomingBlob"], functionName);
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString(), ignoreCase: true);
        Assert.StartsWith(Main.ResolveVar("incomingContainer") + "/", trigger.GetProperty("path").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EventGrid_IngestQueue_IsReadByAQueueTrigger()
    {
        var ingest = Main.ResolveVar("ingestQueue");

        Assert.Contains(Bindings("queueTrigger"), b => b.GetProperty("queueName").GetString() == ingest);
    }

    [Fact]
    public void Settings_UnderPipeline_BindToTheAppsOptions()
    {
        var sections = new[] { "DocPipeline.Pipeline.PipelineOptions, DocPipeline.Pipeline", "DocPipeline.Inference.Gemini.GeminiOptions, DocPipeline.Inference" }
            .Select(App.Type)
            .ToDictionary(t => (string)t.GetField("SectionName")!.GetRawConstantValue()!, StringComparer.OrdinalIgnoreCase);
        // Settings the app reads by name (StorageNames.*Setting) rather than through an options type.
        var readByName = Names.Where(n => n.Key.EndsWith("Setting", StringComparison.Ordinal)).Select(n => AppSetting(n.Value)).ToHashSet(StringComparer.Ordinal);
        var pipelineSettings = Main.SettingNames().Where(s => s.StartsWith("Pipeline__", StringComparison.Ordinal) && !readByName.Contains(s)).ToList();

        Assert.NotEmpty(pipelineSettings);
        Assert.All(pipelineSettings, setting =>
        {
            var path = setting.Replace("__", ":", StringComparison.Ordinal);
            var section = sections.Keys.Where(s => path.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)).MaxBy(s => s.Length);
            Assert.True(section is not null, $"'{setting}' is under no options section the app binds");
            var property = path[(section!.Length + 1)..];
            Assert.True(
                !property.Contains(':', StringComparison.Ordinal) && sections[section].GetProperty(property, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { CanWrite: true },
                $"'{setting}' binds to no settable property of {sections[section].Name}");
        });
    }

    [Fact]
    public void Models_Defaults_MatchHostJson()
    {
        var pipeline = App.HostJson.GetProperty("pipeline");

        Assert.Equal(pipeline.GetProperty("primaryModel").GetString(), Main.ParamDefault("primaryModel").GetString());
        Assert.Equal(pipeline.GetProperty("fallbackModel").GetString(), Main.ParamDefault("fallbackModel").GetString());
    }

    // An app setting names a configuration key with __ for each section separator.
    private static string AppSetting(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private static string Type(JsonElement binding) => binding.GetProperty("type").GetString()!;

    private IEnumerable<JsonElement> Bindings(string type) =>
        App.Functions.SelectMany(f => f.GetProperty("bindings").EnumerateArray()).Where(b => Type(b) == type);
}
