namespace DocPipeline.Durable;

/// <summary>Thrown into orchestrator code when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="taskName">The activity or orchestrator name.</param>
    /// <param name="taskId">The sequence number of the call in the orchestration's history.</param>
    /// <param name="failureDetails">What went wrong.</param>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The activity or orchestrator name.</summary>
    public string TaskName { get; }

    /// <summary>The sequence number of the call.</summary>
    public int TaskId { get; }

    /// <summary>What went wrong.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
