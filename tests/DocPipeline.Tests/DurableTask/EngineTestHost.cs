using DocPipeline.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DocPipeline.Tests.DurableTask;

/// <summary>A real generic host running the engine with <see cref="TestTasks"/> on a given backend.</summary>
public sealed class EngineTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineTestHost(IHost host)
    {
        _host = host;
    }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public IServiceProvider Services => _host.Services;

    public TestTasks.FailSwitch FailSwitch => _host.Services.GetRequiredService<TestTasks.FailSwitch>();

    public TestTasks.ExecutionLog Log => _host.Services.GetRequiredService<TestTasks.ExecutionLog>();

    public static async Task<EngineTestHost> StartAsync(
        Func<IServiceProvider, DurableTaskBackend> backend, bool runWorker = true, IDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddSingleton<TestTasks.FailSwitch>();
        builder.Services.AddSingleton<TestTasks.ExecutionLog>();
        builder.Services.AddScoped<TestTasks.ScopeMarker>();
        builder.Services.AddDurableTaskHost(builder.Configuration, b =>
        {
            b.RunWorker = runWorker;
            b.UseBackend(backend);
            b.AddOrchestrator<TestTasks.Sequence>("Sequence")
                .AddOrchestrator<TestTasks.FanOut>("FanOut")
                .AddOrchestrator<TestTasks.WaitForGo>("WaitForGo")
                .AddOrchestrator<TestTasks.CallsFlaky>("CallsFlaky")
                .AddOrchestrator<TestTasks.TwoScopes>("TwoScopes")
                .AddActivity<TestTasks.Add>("Add")
                .AddActivity<TestTasks.Flaky>("Flaky")
                .AddActivity<TestTasks.ScopeProbe>("ScopeProbe");
        });
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EngineTestHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(stop.Token);
        _host.Dispose();
    }
}
