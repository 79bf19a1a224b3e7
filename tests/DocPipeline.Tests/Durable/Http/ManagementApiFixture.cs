namespace DocPipeline.Tests.Durable.Http;

/// <summary>One host shared by the tests of a class; each test uses its own instance ids.</summary>
public sealed class ManagementApiFixture : IAsyncLifetime
{
    private ManagementApiHost? _host;

    public ManagementApiHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await ManagementApiHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
