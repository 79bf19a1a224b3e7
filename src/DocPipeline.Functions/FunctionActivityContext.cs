using Microsoft.DurableTask;

namespace DocPipeline.Functions;

/// <summary>The activity context the shared activities see when a Functions activity trigger runs them.</summary>
/// <param name="name">The activity name.</param>
/// <param name="instanceId">The orchestration instance that called it.</param>
internal sealed class FunctionActivityContext(string name, string instanceId) : TaskActivityContext
{
    /// <inheritdoc />
    public override TaskName Name { get; } = name;

    /// <inheritdoc />
    public override string InstanceId { get; } = instanceId;
}
