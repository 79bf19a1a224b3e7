namespace DocPipeline.Durable;

/// <summary>The runtime status of an orchestration instance, with the names and values Durable Functions uses.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>The status is not known.</summary>
    Unknown = -1,

    /// <summary>The orchestration has started and has not finished.</summary>
    Running = 0,

    /// <summary>The orchestration returned a result.</summary>
    Completed = 1,

    /// <summary>The orchestration called ContinueAsNew and is about to restart with new input.</summary>
    ContinuedAsNew = 2,

    /// <summary>The orchestration threw an exception it did not handle.</summary>
    Failed = 3,

    /// <summary>The orchestration was canceled.</summary>
    Canceled = 4,

    /// <summary>The orchestration was terminated by a client.</summary>
    Terminated = 5,

    /// <summary>The orchestration is scheduled but has not started yet.</summary>
    Pending = 6,

    /// <summary>The orchestration is suspended; new events wait until it is resumed.</summary>
    Suspended = 7,
}
