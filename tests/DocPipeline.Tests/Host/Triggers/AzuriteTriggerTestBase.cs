using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DocPipeline.Host.Triggers;
using DocPipeline.Tests.DurableTask.AzureStorage;

namespace DocPipeline.Tests.Functions.Triggers;

/// <summary>
/// Triggers against the shared Azurite: every test gets its own container and queue names, and the embedded store
/// runs the pipeline.
/// </summary>
public abstract class AzuriteTriggerTestBase(AzuriteFixture azurite) : IDisposable
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];

    protected TempAppRoot Root { get; } = new();

    protected string ContainerName => "incoming" + _suffix;

    protected string QueueName => "ingest" + _suffix;

    protected string PoisonQueueName => QueueName + "-poison";

    protected BlobServiceClient Blobs { get; } = new(azurite.ConnectionString);

    protected QueueServiceClient Queues { get; } = new(azurite.ConnectionString);

    protected BlobContainerClient Container => Blobs.GetBlobContainerClient(ContainerName);

    protected QueueClient Queue => Queues.GetQueueClient(QueueName);

    protected QueueClient PoisonQueue => Queues.GetQueueClient(PoisonQueueName);

    public void Dispose()
    {
        Root.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected Task<TriggerTestHost> StartAsync(CancellationToken cancellationToken, Dictionary<string, string?>? settings = null, bool runWorker = true)
    {
        var all = new Dictionary<string, string?>
        {
            ["Pipeline:BlobDrop:Container"] = ContainerName,
            ["Pipeline:IngestQueue:QueueName"] = QueueName,
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return TriggerTestHost.StartAsync(Root.Path, TriggerEnvironment.AzureStorage(Root.Path, azurite.ConnectionString), all, runWorker, cancellationToken);
    }
}
