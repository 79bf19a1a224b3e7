using DocPipeline.Tests.DurableTask.AzureStorage;

namespace DocPipeline.Tests.DurableTask.Http;

/// <summary>One Azurite and one host shared by the management API tests; each test uses its own instance ids.</summary>
public sealed class ManagementApiFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private ManagementApiHost? _host;

    public ManagementApiHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Another host, on its own task hub in the same Azurite.</summary>
    public Task<ManagementApiHost> StartHostAsync(Action<Microsoft.AspNetCore.Builder.WebApplication>? map = null) =>
        ManagementApiHost.StartAsync(_azurite.ConnectionString, map);

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _host = await StartHostAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }
}
