using DocPipeline.Durable.History;

namespace DocPipeline.Durable.Store;

/// <summary>An instance to create, with the ExecutionStarted message that starts it.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="ExecutionId">The execution id.</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Input">The serialized input.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="StartAt">When it may start (null: at once).</param>
/// <param name="Parent">The parent, for sub-orchestrations.</param>
public sealed record NewInstance(
    string InstanceId,
    string ExecutionId,
    string Name,
    string? Input,
    DateTime CreatedAt,
    DateTime? StartAt = null,
    ParentInstance? Parent = null)
{
    /// <summary>The message that starts the execution.</summary>
    public OrchestrationMessage StartMessage => new(
        InstanceId,
        ExecutionId,
        new HistoryEvent
        {
            EventType = HistoryEventType.ExecutionStarted,
            Timestamp = CreatedAt,
            Name = Name,
            Input = Input,
            InstanceId = InstanceId,
            ExecutionId = ExecutionId,
            Parent = Parent,
            FireAt = StartAt,
        },
        StartAt);
}
