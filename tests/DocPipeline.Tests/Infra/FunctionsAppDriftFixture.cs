namespace DocPipeline.Tests.Infra;

/// <summary>main.bicep parsed once and the built Functions app loaded once, for the drift tests.</summary>
public sealed class FunctionsAppDriftFixture : IAsyncLifetime
{
    private FunctionsAppBuild? _app;
    private BicepDeclarations? _main;

    public FunctionsAppBuild App => _app ?? throw new InvalidOperationException("The fixture is not initialized.");

    public BicepDeclarations Main => _main ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _main = (await BicepParser.DeclarationsAsync([BicepParser.MainFile], timeout.Token))[BicepParser.MainFile];
        _app = new FunctionsAppBuild();
    }

    public Task DisposeAsync()
    {
        _app?.Dispose();
        return Task.CompletedTask;
    }
}
