using DocPipeline.Durable.History;

namespace DocPipeline.Durable.Runtime;

/// <summary>A durable call the orchestrator is (or may be) waiting on, completed by a history event.</summary>
internal sealed class OpenTask(OrchestratorActionKind kind, string name)
{
    public OrchestratorActionKind Kind { get; } = kind;

    public string Name { get; } = name;

    public TaskCompletionSource<HistoryEvent> Completion { get; } = new();
}
