namespace DocPipeline.Durable;

/// <summary>Thrown when an operation does not fit the instance's status (for example raising an event to a finished instance).</summary>
public sealed class InstanceStateException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="status">The instance's status.</param>
    /// <param name="message">What cannot be done.</param>
    public InstanceStateException(string instanceId, OrchestrationRuntimeStatus status, string message)
        : base(message)
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The instance's status.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
