using DocPipeline.Tests.Inference.Fakes;

namespace DocPipeline.Functions.Tests.Pipeline;

/// <summary>
/// A fake Gemini server and the real pipeline on it, started for each test and stopped after. Derived classes pass
/// settings and may script the fake before the pipeline starts.
/// </summary>
public abstract class PipelineTests(IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    protected const string Primary = PipelineTestHost.PrimaryModel;
    protected const string Fallback = PipelineTestHost.FallbackModel;

    private protected FakeGeminiServer Gemini { get; private set; } = null!;

    private protected PipelineTestHost Pipeline { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Gemini = await FakeGeminiServer.StartAsync();
        Prepare(Gemini);
        Pipeline = await PipelineTestHost.StartAsync(Gemini, settings);
    }

    public async Task DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Gemini.DisposeAsync();
    }

    /// <summary>Scripts the fake before the pipeline starts.</summary>
    private protected virtual void Prepare(FakeGeminiServer gemini)
    {
    }
}
