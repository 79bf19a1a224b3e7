namespace DocPipeline.Durable.Runtime;

/// <summary>A call the orchestrator code made that history has not confirmed yet.</summary>
internal sealed record OrchestratorAction(int Id, OrchestratorActionKind Kind, string Name, string? Input, DateTime? FireAt = null, string? ChildInstanceId = null)
{
    public string Describe() => Kind switch
    {
        OrchestratorActionKind.ScheduleTask => $"CallActivityAsync(\"{Name}\")",
        OrchestratorActionKind.CreateTimer => $"CreateTimer({FireAt:O})",
        OrchestratorActionKind.CreateSubOrchestration => $"CallSubOrchestratorAsync(\"{Name}\")",
        _ => Kind.ToString(),
    };
}

/// <summary>The kinds of call that take a sequence number.</summary>
internal enum OrchestratorActionKind
{
    ScheduleTask,
    CreateTimer,
    CreateSubOrchestration,
}
