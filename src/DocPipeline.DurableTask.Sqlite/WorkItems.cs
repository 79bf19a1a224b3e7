using DurableTask.Core;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>A stored message waiting for (or held by) an orchestration or activity work item.</summary>
internal sealed class PendingMessage(long id, string instanceId, TaskMessage message, long visibleAt = 0)
{
    /// <summary>When the message becomes visible (Unix milliseconds): a timer's fire time, a scheduled start.</summary>
    public long VisibleAt { get; } = visibleAt;

    public long Id { get; } = id;

    public string InstanceId { get; } = instanceId;

    public TaskMessage Message { get; } = message;

    /// <summary>How many times the message was handed out and abandoned.</summary>
    public int Deliveries { get; set; }
}

/// <summary>The messages of one instance and whether a work item currently holds the instance.</summary>
internal sealed class InstanceEntry(string instanceId)
{
    public string InstanceId { get; } = instanceId;

    public List<PendingMessage> Ready { get; } = [];

    public bool Locked { get; set; }

    public bool Queued { get; set; }

    /// <summary>Set while an extended session waits for this instance's next message.</summary>
    public TaskCompletionSource<bool>? SessionWaiter { get; set; }
}

/// <summary>An orchestration work item with what the provider needs to complete it.</summary>
internal sealed class SqliteOrchestrationWorkItem : TaskOrchestrationWorkItem
{
    public required InstanceEntry Entry { get; init; }

    /// <summary>The stored messages this step consumes.</summary>
    public List<PendingMessage> Messages { get; set; } = [];

    /// <summary>The runtime state whose persisted events are in the history table; a different state object means a rewrite.</summary>
    public OrchestrationRuntimeState? TrackedState { get; set; }

    /// <summary>Whether the stored history belongs to another execution and must be replaced on completion.</summary>
    public bool ReplaceHistory { get; set; }
}
