using System.ComponentModel.DataAnnotations;

namespace DocPipeline.Durable;

/// <summary>
/// Worker settings, bound from <c>extensions:durableTask</c> in host.json (the same names Durable Functions uses
/// where one exists).
/// </summary>
public sealed class DurableTaskOptions
{
    /// <summary>The task hub name: stores use it to name tables, queues and files. Default <c>DocPipeline</c>.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "hubName must be 3-45 letters or digits and start with a letter.")]
    public string HubName { get; set; } = "DocPipeline";

    /// <summary>
    /// How many orchestration instances one worker holds at once. They are locked, stepped and committed as one
    /// batch (one transaction on SQLite), so larger values mean fewer, bigger commits. Default 100.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 100;

    /// <summary>How many activities one worker runs at once. Default 10 × processors.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>How long a worker owns a work item before another may take it; renewed while the work runs. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a message or activity may be handed out before it is treated as poison: the instance (or the
    /// activity call) then fails with a reason saying so, and the item is kept for inspection. Default 5.
    /// </summary>
    [Range(1, 1000)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The longest a worker sleeps between looks for work written by other processes. Default 2 s.</summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many live instances stay in memory between steps (extended sessions). Default 1,000.</summary>
    [Range(0, 1_000_000)]
    public int InstanceCacheSize { get; set; } = 1000;

    /// <summary>The most messages applied to one instance in one step. Default 1,000.</summary>
    [Range(1, 100_000)]
    public int MaxMessagesPerEpisode { get; set; } = 1000;

    /// <summary>
    /// Run activity code on this many dedicated threads instead of the shared thread pool, so CPU-heavy activities do
    /// not delay the host's other work (such as answering HTTP requests). 0 (the default) uses the thread pool.
    /// </summary>
    [Range(0, 1024)]
    public int DedicatedActivityThreads { get; set; }

    /// <summary>
    /// The operating-system priority of the dedicated activity threads. <see cref="ThreadPriority.BelowNormal"/> lets
    /// a host that also answers requests keep its latency while activities use the rest of the CPU. Default normal;
    /// priorities above normal are not applied.
    /// </summary>
    public ThreadPriority ActivityThreadPriority { get; set; } = ThreadPriority.Normal;

    /// <summary>
    /// How long the dispatchers let work gather before acting on it: the orchestration dispatcher, woken by new work,
    /// waits this long before claiming it, and finished activities wait this long before their results are
    /// committed, so that steps arriving together share one claim and one commit. A few milliseconds cut the store's
    /// work per step under load, at up to twice that in latency per step. Default zero: act at once.
    /// </summary>
    public TimeSpan BatchWindow { get; set; }

    /// <summary>How long shutdown waits for running activities before canceling them. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>This worker's identity in locks. Default: machine name, process id and a random suffix.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
