using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DocPipeline.DurableTask.Http;

/// <summary>
/// Converts DTFx history to the <c>historyEvents</c> array in the Durable Functions shape: PascalCase properties,
/// episode markers (OrchestratorStarted, OrchestratorCompleted) left out, and each scheduled call folded into its
/// completion, which then carries the call's <c>FunctionName</c>, <c>ScheduledTime</c> and (with inputs shown)
/// <c>Input</c>.
/// </summary>
internal static class HistoryPayload
{
    public static JsonArray Create(IList<HistoryEvent> history, bool showHistoryOutput, bool showInput)
    {
        ArgumentNullException.ThrowIfNull(history);
        var calls = new Dictionary<(bool SubOrchestration, int Id), HistoryEvent>();
        var answered = new HashSet<(bool SubOrchestration, int Id)>();
        foreach (var e in history)
        {
            switch (e)
            {
                case TaskScheduledEvent:
                    calls[(false, e.EventId)] = e;
                    break;
                case SubOrchestrationInstanceCreatedEvent:
                    calls[(true, e.EventId)] = e;
                    break;
                case TaskCompletedEvent c:
                    answered.Add((false, c.TaskScheduledId));
                    break;
                case TaskFailedEvent f:
                    answered.Add((false, f.TaskScheduledId));
                    break;
                case SubOrchestrationInstanceCompletedEvent c:
                    answered.Add((true, c.TaskScheduledId));
                    break;
                case SubOrchestrationInstanceFailedEvent f:
                    answered.Add((true, f.TaskScheduledId));
                    break;
            }
        }

        var array = new JsonArray();
        foreach (var e in history)
        {
            if (Convert(e, calls, answered, showHistoryOutput, showInput) is { } item)
            {
                array.Add(item);
            }
        }

        return array;
    }

    private static JsonObject? Convert(
        HistoryEvent e,
        Dictionary<(bool SubOrchestration, int Id), HistoryEvent> calls,
        HashSet<(bool SubOrchestration, int Id)> answered,
        bool showHistoryOutput,
        bool showInput)
    {
        var folded = e switch
        {
            OrchestratorStartedEvent or OrchestratorCompletedEvent => true,
            TaskScheduledEvent => answered.Contains((false, e.EventId)),
            SubOrchestrationInstanceCreatedEvent => answered.Contains((true, e.EventId)),
            _ => false,
        };
        if (folded)
        {
            return null;
        }

        var item = new JsonObject
        {
            ["EventType"] = e.EventType.ToString(),
            ["Timestamp"] = HttpJson.FormatHistoryTime(e.Timestamp),
        };
        switch (e)
        {
            case ExecutionStartedEvent started:
                Set(item, "FunctionName", started.Name);
                SetInput(item, started.Input, showInput);
                if (started.ScheduledStartTime is { } startAt)
                {
                    item["ScheduledStartTime"] = HttpJson.FormatHistoryTime(startAt);
                }

                break;
            case ExecutionCompletedEvent completed:
                item["EventType"] = EventType.ExecutionCompleted.ToString();
                Set(item, "OrchestrationStatus", completed.OrchestrationStatus.ToString());
                if (showHistoryOutput)
                {
                    SetResult(item, completed.Result ?? (completed.FailureDetails is null ? null : JsonSerializer.Serialize(completed.FailureDetails.ErrorMessage)));
                }

                SetFailure(item, completed.FailureDetails);
                break;
            case ExecutionTerminatedEvent terminated:
                // DTFx keeps a termination reason in the event's Input, serialized by the client: show the text.
                SetInput(item, HttpJson.ToElement(terminated.Input) is { ValueKind: JsonValueKind.String } reason ? reason.GetString() : terminated.Input, showInput);
                break;
            case ExecutionSuspendedEvent suspended:
                Set(item, "Reason", suspended.Reason);
                break;
            case ExecutionResumedEvent resumed:
                Set(item, "Reason", resumed.Reason);
                break;
            case ExecutionRewoundEvent rewound:
                Set(item, "Reason", rewound.Reason);
                break;
            case TaskScheduledEvent scheduled:
                Set(item, "Name", scheduled.Name);
                SetInput(item, scheduled.Input, showInput);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                Set(item, "Name", created.Name);
                Set(item, "InstanceId", created.InstanceId);
                SetInput(item, created.Input, showInput);
                break;
            case TaskCompletedEvent completed:
                AddCall(item, calls, (false, completed.TaskScheduledId), showInput);
                SetResultIf(item, completed.Result, showHistoryOutput);
                break;
            case SubOrchestrationInstanceCompletedEvent completed:
                AddCall(item, calls, (true, completed.TaskScheduledId), showInput);
                SetResultIf(item, completed.Result, showHistoryOutput);
                break;
            case TaskFailedEvent failed:
                AddCall(item, calls, (false, failed.TaskScheduledId), showInput);

                // The message as Reason; type, stack and inner failures in FailureDetails (Details would repeat the stack).
                Set(item, "Reason", failed.FailureDetails?.ErrorMessage ?? failed.Reason);
                SetFailure(item, failed.FailureDetails);
                break;
            case SubOrchestrationInstanceFailedEvent failed:
                AddCall(item, calls, (true, failed.TaskScheduledId), showInput);
                Set(item, "Reason", failed.FailureDetails?.ErrorMessage ?? failed.Reason);
                SetFailure(item, failed.FailureDetails);
                break;
            case TimerCreatedEvent timer:
                item["FireAt"] = HttpJson.FormatHistoryTime(timer.FireAt);
                break;
            case TimerFiredEvent fired:
                item["FireAt"] = HttpJson.FormatHistoryTime(fired.FireAt);
                break;
            case EventRaisedEvent raised:
                Set(item, "Name", raised.Name);
                SetInput(item, raised.Input, showInput);
                break;
        }

        return item;
    }

    private static void AddCall(JsonObject item, Dictionary<(bool SubOrchestration, int Id), HistoryEvent> calls, (bool SubOrchestration, int Id) key, bool showInput)
    {
        if (!calls.TryGetValue(key, out var call))
        {
            return;
        }

        item["ScheduledTime"] = HttpJson.FormatHistoryTime(call.Timestamp);
        switch (call)
        {
            case TaskScheduledEvent scheduled:
                Set(item, "FunctionName", scheduled.Name);
                SetInput(item, scheduled.Input, showInput);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                Set(item, "FunctionName", created.Name);
                Set(item, "InstanceId", created.InstanceId);
                SetInput(item, created.Input, showInput);
                break;
        }
    }

    /// <summary>Inputs stay the serialized text, the way Durable Task history prints them; results are parsed.</summary>
    private static void SetInput(JsonObject item, string? input, bool showInput)
    {
        if (showInput)
        {
            Set(item, "Input", input);
        }
    }

    private static void SetResultIf(JsonObject item, string? result, bool showHistoryOutput)
    {
        if (showHistoryOutput)
        {
            SetResult(item, result);
        }
    }

    private static void SetResult(JsonObject item, string? result)
    {
        if (result is not null)
        {
            item["Result"] = HttpJson.ToNode(result);
        }
    }

    private static void SetFailure(JsonObject item, FailureDetails? failure)
    {
        if (failure is not null)
        {
            item["FailureDetails"] = FailureNode(failure);
        }
    }

    private static JsonObject FailureNode(FailureDetails failure)
    {
        var node = new JsonObject
        {
            ["ErrorType"] = failure.ErrorType,
            ["ErrorMessage"] = failure.ErrorMessage,
        };
        Set(node, "StackTrace", failure.StackTrace);
        if (failure.InnerFailure is not null)
        {
            node["InnerFailure"] = FailureNode(failure.InnerFailure);
        }

        node["IsNonRetriable"] = failure.IsNonRetriable;
        return node;
    }

    private static void Set(JsonObject item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = value;
        }
    }
}
