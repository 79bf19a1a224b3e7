namespace DocPipeline.Durable.History;

/// <summary>
/// One event in an orchestration's history, or one message on its way to an instance. A single flat shape keeps
/// stores simple: fields a kind does not use stay null or -1.
/// </summary>
public sealed record HistoryEvent
{
    /// <summary>The kind of event.</summary>
    public required HistoryEventType EventType { get; init; }

    /// <summary>The sequence number of a call the orchestrator made (TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated); -1 otherwise.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>The sequence number a completion refers to (TaskCompleted/Failed, TimerFired, SubOrchestration*); -1 otherwise.</summary>
    public int TaskScheduledId { get; init; } = -1;

    /// <summary>When the event happened (UTC).</summary>
    public DateTime Timestamp { get; init; }

    /// <summary>The orchestrator, activity or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Serialized input (ExecutionStarted, TaskScheduled, SubOrchestrationInstanceCreated, EventRaised).</summary>
    public string? Input { get; init; }

    /// <summary>Serialized result (TaskCompleted, SubOrchestrationInstanceCompleted, ExecutionCompleted).</summary>
    public string? Result { get; init; }

    /// <summary>Failure details (TaskFailed, SubOrchestrationInstanceFailed, failed ExecutionCompleted).</summary>
    public TaskFailureDetails? Failure { get; init; }

    /// <summary>When a timer fires (TimerCreated, TimerFired) or when a scheduled start happens (ExecutionStarted).</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>The child instance id (SubOrchestrationInstanceCreated) or the instance id (ExecutionStarted).</summary>
    public string? InstanceId { get; init; }

    /// <summary>The execution id (ExecutionStarted).</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The final status (ExecutionCompleted).</summary>
    public OrchestrationRuntimeStatus? Status { get; init; }

    /// <summary>A client's reason (terminate, suspend, resume, rewind).</summary>
    public string? Reason { get; init; }

    /// <summary>The parent of a sub-orchestration (ExecutionStarted).</summary>
    public ParentInstance? Parent { get; init; }
}
