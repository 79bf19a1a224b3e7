namespace DocPipeline.Durable;

/// <summary>The state of an orchestration instance as clients see it.</summary>
public sealed record OrchestrationMetadata
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The current execution id (changes on ContinueAsNew and restart).</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When the instance last changed (UTC).</summary>
    public DateTime LastUpdatedAt { get; init; }

    /// <summary>When the instance reached a terminal status (UTC).</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>The serialized input, when requested.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The serialized output, when requested. For failed instances this is the error message.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The serialized custom status.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>What went wrong, for failed instances.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The parent instance id, for sub-orchestrations.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The store's version of the instance, incremented on every committed step.</summary>
    public long Version { get; init; }

    /// <summary>Reads the input.</summary>
    /// <typeparam name="T">The input type.</typeparam>
    public T? ReadInputAs<T>() => JsonDataConverter.Deserialize<T>(SerializedInput);

    /// <summary>Reads the output.</summary>
    /// <typeparam name="T">The output type.</typeparam>
    public T? ReadOutputAs<T>() => JsonDataConverter.Deserialize<T>(SerializedOutput);

    /// <summary>Reads the custom status.</summary>
    /// <typeparam name="T">The status type.</typeparam>
    public T? ReadCustomStatusAs<T>() => JsonDataConverter.Deserialize<T>(SerializedCustomStatus);
}
