namespace DocPipeline.Durable.Store;

/// <summary>An instance locked by a worker, with the messages waiting for it.</summary>
/// <param name="Instance">The instance state at the time of locking.</param>
/// <param name="Messages">The visible messages, oldest first.</param>
/// <param name="LockedUntil">When the lock expires.</param>
public sealed record OrchestrationWorkItem(OrchestrationMetadata Instance, IReadOnlyList<StoredMessage> Messages, DateTime LockedUntil)
{
    /// <summary>The instance id.</summary>
    public string InstanceId => Instance.InstanceId;
}
