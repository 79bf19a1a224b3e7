namespace DocPipeline.Durable.History;

/// <summary>The kinds of event in an orchestration's history.</summary>
public enum HistoryEventType
{
    /// <summary>The instance was started with a name and input.</summary>
    ExecutionStarted,

    /// <summary>The instance finished (completed, failed or continued as new).</summary>
    ExecutionCompleted,

    /// <summary>A client terminated the instance.</summary>
    ExecutionTerminated,

    /// <summary>A client suspended the instance.</summary>
    ExecutionSuspended,

    /// <summary>A client resumed the instance.</summary>
    ExecutionResumed,

    /// <summary>An episode began; its timestamp is the replay-safe current time.</summary>
    OrchestratorStarted,

    /// <summary>The orchestrator scheduled an activity.</summary>
    TaskScheduled,

    /// <summary>An activity returned.</summary>
    TaskCompleted,

    /// <summary>An activity threw.</summary>
    TaskFailed,

    /// <summary>The orchestrator created a durable timer.</summary>
    TimerCreated,

    /// <summary>A durable timer fired.</summary>
    TimerFired,

    /// <summary>The orchestrator started a sub-orchestration.</summary>
    SubOrchestrationInstanceCreated,

    /// <summary>A sub-orchestration completed.</summary>
    SubOrchestrationInstanceCompleted,

    /// <summary>A sub-orchestration failed.</summary>
    SubOrchestrationInstanceFailed,

    /// <summary>An external event arrived.</summary>
    EventRaised,

    /// <summary>A failed instance was rewound to re-run its failed step.</summary>
    ExecutionRewound,
}
