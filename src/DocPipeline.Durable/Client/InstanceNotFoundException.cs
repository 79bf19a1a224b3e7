namespace DocPipeline.Durable;

/// <summary>Thrown when an operation names an instance that does not exist.</summary>
public sealed class InstanceNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="instanceId">The instance id.</param>
    public InstanceNotFoundException(string instanceId)
        : base($"No orchestration instance with id '{instanceId}' exists.")
    {
        InstanceId = instanceId;
    }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }
}
