using System.ComponentModel.DataAnnotations;

namespace DocPipeline.DurableTask;

/// <summary>
/// Engine settings, read from host.json <c>extensions.durableTask</c> with the names Durable Functions uses, so one
/// host.json serves the Functions app and the standalone host.
/// </summary>
public sealed class DurableTaskHostOptions
{
    /// <summary>The configuration section (host.json <c>extensions.durableTask</c>).</summary>
    public const string SectionName = "extensions:durableTask";

    /// <summary>
    /// The task hub. Default <c>DocPipeline</c>. A Functions app and this host on the same storage account and hub
    /// see the same instances.
    /// </summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "hubName must be 3-45 letters or digits and start with a letter.")]
    public string HubName { get; set; } = "DocPipeline";

    /// <summary>Activities run at once by this process. Default 10 × processors, as in Durable Functions.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Orchestration steps run at once by this process. Default 10 × processors, as in Durable Functions.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Keeps an orchestration's state in memory between steps instead of replaying its history from storage at each
    /// step. Default <c>false</c>, as in Durable Functions.
    /// </summary>
    public bool ExtendedSessionsEnabled { get; set; }

    /// <summary>
    /// How long an idle extended session stays in memory. Default 30 s, as Durable Functions'
    /// <c>extendedSessionIdleTimeoutInSeconds</c>.
    /// </summary>
    public int ExtendedSessionIdleTimeoutInSeconds { get; set; } = 30;

    /// <summary>
    /// Durable Functions accepted <c>maxQueuePollingInterval</c> here in older host.json files; when set it is used
    /// unless <see cref="AzureStorageProviderOptions.MaxQueuePollingInterval"/> is also set.
    /// </summary>
    public TimeSpan? MaxQueuePollingInterval { get; set; }

    /// <summary>The Azure Storage backend's settings (host.json <c>extensions.durableTask.storageProvider</c>).</summary>
    public AzureStorageProviderOptions StorageProvider { get; set; } = new();
}
