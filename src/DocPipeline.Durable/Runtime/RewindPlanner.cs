using System.Globalization;
using DocPipeline.Durable.History;

namespace DocPipeline.Durable;

/// <summary>Works out the history a rewound instance continues from.</summary>
internal static class RewindPlanner
{
    /// <summary>
    /// Removes the final failure and the call that caused it (its scheduling and its failure), so on replay the code
    /// issues that call again while every earlier result is replayed.
    /// </summary>
    public static List<HistoryEvent> RemoveFailure(IReadOnlyList<HistoryEvent> history)
    {
        var list = history.ToList();
        var completedAt = list.FindLastIndex(e => e.EventType == HistoryEventType.ExecutionCompleted && e.Status == OrchestrationRuntimeStatus.Failed);
        if (completedAt < 0)
        {
            return list;
        }

        var failure = list[completedAt].Failure;
        list.RemoveAt(completedAt);
        var failedId = FailedTaskId(failure);
        var failedAt = failedId is { } id
            ? list.FindLastIndex(e => IsFailure(e) && e.TaskScheduledId == id)
            : list.FindLastIndex(IsFailure);
        if (failedAt < 0)
        {
            return list;
        }

        var taskId = list[failedAt].TaskScheduledId;
        list.RemoveAt(failedAt);
        list.RemoveAll(e => e.EventId == taskId && e.EventType is HistoryEventType.TaskScheduled or HistoryEventType.SubOrchestrationInstanceCreated);
        return list;
    }

    private static bool IsFailure(HistoryEvent e) => e.EventType is HistoryEventType.TaskFailed or HistoryEventType.SubOrchestrationInstanceFailed;

    private static int? FailedTaskId(TaskFailureDetails? failure)
    {
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (f.Properties is { } p && p.TryGetValue("taskId", out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }

        return null;
    }
}
