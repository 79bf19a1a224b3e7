namespace DocPipeline.Durable;

/// <summary>Thrown when starting an instance whose id belongs to an instance that has not finished.</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="status">The status of the existing instance.</param>
    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"An orchestration with instance id '{instanceId}' already exists and is {status}. Wait for it to finish, or terminate it first.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The status of the existing instance.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
