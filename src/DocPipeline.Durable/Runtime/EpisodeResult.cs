using DocPipeline.Durable.History;

using DocPipeline.Durable.Store;

namespace DocPipeline.Durable.Runtime;

/// <summary>What one episode of an orchestrator produced: the events to append and the messages to send.</summary>
internal sealed class EpisodeResult
{
    public List<HistoryEvent> NewEvents { get; } = [];

    public List<ActivityRequest> Activities { get; } = [];

    public List<OrchestrationMessage> Timers { get; } = [];

    public List<NewInstance> SubOrchestrations { get; } = [];

    public OrchestrationRuntimeStatus Status { get; set; } = OrchestrationRuntimeStatus.Running;

    public string? Output { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public bool CustomStatusChanged { get; set; }

    public string? CustomStatus { get; set; }

    /// <summary>Set when the orchestrator called ContinueAsNew: the next execution's input.</summary>
    public ContinueAsNewRequest? ContinueAsNew { get; set; }

    /// <summary>How many of the offered new events were consumed (the rest wait, e.g. behind a suspend).</summary>
    public int ConsumedCount { get; set; }

    public bool IsFinished => Status.IsTerminal() || ContinueAsNew is not null;
}

/// <summary>The input and carried-over events of the next execution.</summary>
/// <param name="Input">The serialized input.</param>
/// <param name="CarriedEvents">External events that were not received yet.</param>
internal sealed record ContinueAsNewRequest(string? Input, IReadOnlyList<HistoryEvent> CarriedEvents);
