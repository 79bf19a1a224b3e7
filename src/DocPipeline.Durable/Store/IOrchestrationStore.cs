using DocPipeline.Durable.History;

namespace DocPipeline.Durable.Store;

/// <summary>
/// Where instances, histories, messages and activity work live. Every store passes the same conformance suite;
/// the runtime relies only on what this contract promises.
/// </summary>
public interface IOrchestrationStore : IAsyncDisposable
{
    /// <summary>A short name for logs and benchmarks ("sqlite", "azure").</summary>
    string Name { get; }

    /// <summary>Set when this process writes orchestration messages.</summary>
    WorkSignal OrchestrationSignal { get; }

    /// <summary>Set when this process writes activity work.</summary>
    WorkSignal ActivitySignal { get; }

    /// <summary>Set when an instance in this process changes status.</summary>
    WorkSignal StatusSignal { get; }

    /// <summary>Creates tables, files or containers; safe to call more than once.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an instance (status Pending) and enqueues its ExecutionStarted message. An existing instance whose
    /// status is in <paramref name="dedupeStatuses"/> causes <see cref="OrchestrationAlreadyExistsException"/>; any
    /// other existing instance is replaced, history and pending messages included.
    /// </summary>
    /// <param name="instance">The instance.</param>
    /// <param name="dedupeStatuses">Statuses that block the start.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CreateInstanceAsync(NewInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default);

    /// <summary>Enqueues messages to existing instances.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance, or null when unknown.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="includePayloads">Whether to load input and output.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>Reads the current execution's history, oldest first.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Lists instances.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes an instance with its history and pending work; false when unknown.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every instance matching the filter; returns how many.</summary>
    /// <param name="filter">The filter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a failed instance's history (with its failure removed), sets it Running and enqueues
    /// <paramref name="wakeUp"/>. Returns false when the instance changed since <paramref name="expectedVersion"/>.
    /// </summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="expectedVersion">The version the history was read at.</param>
    /// <param name="history">The new history.</param>
    /// <param name="wakeUp">The message that starts the re-run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<bool> RewindAsync(string instanceId, long expectedVersion, IReadOnlyList<HistoryEvent> history, OrchestrationMessage wakeUp, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks up to <paramref name="maxInstances"/> instances that have visible messages and no live lock, and returns
    /// them with their messages. Messages of suspended instances stay hidden except resume and terminate.
    /// Each returned message's dequeue count is incremented.
    /// </summary>
    /// <param name="workerId">The worker taking the lock.</param>
    /// <param name="maxInstances">The most instances to lock.</param>
    /// <param name="maxMessagesPerInstance">The most messages to return per instance.</param>
    /// <param name="lease">How long the lock lasts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<OrchestrationWorkItem>> LockOrchestrationsAsync(string workerId, int maxInstances, int maxMessagesPerInstance, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies commits atomically per commit (a store may group several in one transaction). Each commit succeeds
    /// only if the instance is still at the locked version and locked by <paramref name="workerId"/>.
    /// Returns, per commit, the new version or null when it lost the race.
    /// </summary>
    /// <param name="workerId">The worker holding the locks.</param>
    /// <param name="commits">The commits.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<long?>> CommitOrchestrationsAsync(string workerId, IReadOnlyList<OrchestrationCommit> commits, CancellationToken cancellationToken = default);

    /// <summary>Releases an instance lock without changes, so its messages are delivered again.</summary>
    /// <param name="workerId">The worker holding the lock.</param>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task ReleaseOrchestrationAsync(string workerId, string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Locks up to <paramref name="max"/> visible activity work items; increments their dequeue counts.</summary>
    /// <param name="workerId">The worker taking the lock.</param>
    /// <param name="max">The most items.</param>
    /// <param name="lease">How long the lock lasts.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<ActivityWorkItem>> LockActivitiesAsync(string workerId, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Extends the locks of running activities.</summary>
    /// <param name="workerId">The worker holding the locks.</param>
    /// <param name="itemIds">The work item ids.</param>
    /// <param name="lease">The new lease, from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task RenewActivityLocksAsync(string workerId, IReadOnlyList<string> itemIds, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Deletes finished work items and delivers their results to their instances, in one transaction.</summary>
    /// <param name="results">The results.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task CompleteActivitiesAsync(IReadOnlyList<ActivityResult> results, CancellationToken cancellationToken = default);

    /// <summary>Releases an activity lock so the item is delivered again (for example on shutdown).</summary>
    /// <param name="workerId">The worker holding the lock.</param>
    /// <param name="itemId">The work item id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task ReleaseActivityAsync(string workerId, string itemId, CancellationToken cancellationToken = default);

    /// <summary>When the next message or work item becomes visible, if any is waiting (used to sleep until timers fire).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<DateTime?> GetNextVisibleTimeAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists what was set aside because it kept crashing workers.</summary>
    /// <param name="instanceId">Only this instance's, or all when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<IReadOnlyList<PoisonRecord>> GetPoisonRecordsAsync(string? instanceId = null, CancellationToken cancellationToken = default);
}
