using DurableTask.Core.History;

namespace DocPipeline.Tests.Functions.Pipeline;

/// <summary>One history event as the pipeline tests read it.</summary>
public sealed record HistoryRow(EventType EventType, DateTime Timestamp, DateTime? FireAt, string? Name, string Json);
