using DocPipeline.Durable;
using DocPipeline.Durable.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DocPipeline.Tests.Durable;

/// <summary>A real worker and client over a real store, for tests.</summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();

    private DurableTestHost(ServiceProvider services, IOrchestrationStore store, DurableTaskWorker? worker, DurableTaskClient client)
    {
        _services = services;
        Store = store;
        Worker = worker;
        Client = client;
    }

    public IOrchestrationStore Store { get; }

    public DurableTaskWorker? Worker { get; }

    public DurableTaskClient Client { get; }

    public static async Task<DurableTestHost> StartAsync(
        IOrchestrationStore store,
        Action<DurableTaskRegistry> register,
        Action<DurableTaskOptions>? configure = null,
        TimeProvider? time = null,
        bool runWorker = true,
        Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton(store);
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        services?.Invoke(collection);
        collection.AddDurableTask(b =>
        {
            b.RunWorker = runWorker;
            register(b.Registry);
        });
        collection.Configure<DurableTaskOptions>(o =>
        {
            o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200);
            configure?.Invoke(o);
        });
        var provider = collection.BuildServiceProvider();
        await store.InitializeAsync();
        var worker = runWorker ? provider.GetRequiredService<DurableTaskWorker>() : null;
        if (worker is not null)
        {
            await worker.StartAsync(CancellationToken.None);
        }

        var client = provider.GetRequiredService<DurableTaskClient>();
        return new DurableTestHost(provider, store, worker, client);
    }

    public DurableTaskOptions Options => _services.GetRequiredService<IOptions<DurableTaskOptions>>().Value;

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, string? instanceId = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId), cts.Token);
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking whenever the store reports a change.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var signal = Store.StatusSignal.NextAsync();
            if (await condition())
            {
                return;
            }

            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"Condition not met in time{(because is null ? string.Empty : ": " + because)}.");
            }

            await WorkSignal.WaitAsync(signal, TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Worker is not null)
        {
            await Worker.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        await Store.DisposeAsync();
        _stop.Dispose();
    }
}
