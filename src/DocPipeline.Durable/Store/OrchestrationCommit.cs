using DocPipeline.Durable.History;

namespace DocPipeline.Durable.Store;

/// <summary>
/// Everything one episode changes, applied atomically: new history, the instance's new state, the messages and
/// work it sends, and the removal of the messages it consumed. Conditional on the instance version read when locked.
/// </summary>
public sealed record OrchestrationCommit
{
    /// <summary>The locked work item this commit completes.</summary>
    public required OrchestrationWorkItem WorkItem { get; init; }

    /// <summary>The execution the new history belongs to (a new id after ContinueAsNew).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Delete the existing history before appending (ContinueAsNew).</summary>
    public bool ResetHistory { get; init; }

    /// <summary>How many history events already exist (the sequence number of the first new one).</summary>
    public int HistoryOffset { get; init; }

    /// <summary>Events to append.</summary>
    public IReadOnlyList<HistoryEvent> NewHistory { get; init; } = [];

    /// <summary>The new runtime status.</summary>
    public required OrchestrationRuntimeStatus Status { get; init; }

    /// <summary>Whether <see cref="CustomStatus"/> should be written.</summary>
    public bool CustomStatusChanged { get; init; }

    /// <summary>The serialized custom status.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>The serialized output, for finished instances.</summary>
    public string? Output { get; init; }

    /// <summary>The failure, for failed instances.</summary>
    public TaskFailureDetails? Failure { get; init; }

    /// <summary>The serialized input of a new execution (ContinueAsNew).</summary>
    public string? NewInput { get; init; }

    /// <summary>Activities to run.</summary>
    public IReadOnlyList<ActivityRequest> Activities { get; init; } = [];

    /// <summary>Messages to this or other instances (timers, sub-orchestration results, carried events).</summary>
    public IReadOnlyList<OrchestrationMessage> Messages { get; init; } = [];

    /// <summary>Sub-orchestrations to create.</summary>
    public IReadOnlyList<NewInstance> NewInstances { get; init; } = [];

    /// <summary>Ids of the messages this step consumed.</summary>
    public IReadOnlyList<string> ConsumedMessageIds { get; init; } = [];

    /// <summary>Ids of consumed messages to keep for inspection because they kept crashing the worker.</summary>
    public IReadOnlyList<string> PoisonedMessageIds { get; init; } = [];

    /// <summary>A note stored with poisoned messages.</summary>
    public string? PoisonReason { get; init; }

    /// <summary>
    /// Only delete <see cref="ConsumedMessageIds"/> and release the lock; the instance's state and history are left as
    /// they are (used for stale messages to finished instances).
    /// </summary>
    public bool MessagesOnly { get; init; }

    /// <summary>
    /// How many of <see cref="Activities"/> (from the first) to insert already locked by the committing worker until
    /// <see cref="PrelockUntil"/>, so it runs them without claiming them. Stores that do not support this ignore it.
    /// </summary>
    public int PrelockCount { get; init; }

    /// <summary>The lease end for prelocked activities.</summary>
    public DateTime PrelockUntil { get; init; }

    /// <summary>Filled by the store on commit: the activities it inserted prelocked.</summary>
    public List<ActivityWorkItem> PrelockedActivities { get; } = [];

    /// <summary>Whether the instance lock is kept after the commit (more messages are being processed).</summary>
    public bool KeepLock { get; init; }
}
