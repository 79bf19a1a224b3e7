using System.Text.Json;
using System.Text.Json.Nodes;
using DocPipeline.Durable.History;

namespace DocPipeline.Durable.Http;

/// <summary>
/// Converts history to the <c>historyEvents</c> array in the Durable Functions shape: PascalCase properties,
/// episode markers (OrchestratorStarted) left out, and each scheduled call folded into its completion, which then
/// carries the call's <c>FunctionName</c>, <c>ScheduledTime</c> and (with inputs shown) <c>Input</c>.
/// </summary>
internal static class HistoryPayload
{
    public static JsonArray Create(IReadOnlyList<HistoryEvent> history, bool showHistoryOutput, bool showInput)
    {
        ArgumentNullException.ThrowIfNull(history);
        var calls = new Dictionary<(bool SubOrchestration, int Id), HistoryEvent>();
        var answered = new HashSet<(bool SubOrchestration, int Id)>();
        foreach (var e in history)
        {
            switch (e.EventType)
            {
                case HistoryEventType.TaskScheduled:
                    calls[(false, e.EventId)] = e;
                    break;
                case HistoryEventType.SubOrchestrationInstanceCreated:
                    calls[(true, e.EventId)] = e;
                    break;
                case HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed:
                    answered.Add((false, e.TaskScheduledId));
                    break;
                case HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed:
                    answered.Add((true, e.TaskScheduledId));
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
        var folded = e.EventType switch
        {
            HistoryEventType.OrchestratorStarted => true,
            HistoryEventType.TaskScheduled => answered.Contains((false, e.EventId)),
            HistoryEventType.SubOrchestrationInstanceCreated => answered.Contains((true, e.EventId)),
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
        switch (e.EventType)
        {
            case HistoryEventType.ExecutionStarted:
                Set(item, "FunctionName", e.Name);
                SetInput(item, e.Input, showInput);
                if (e.FireAt is { } startAt)
                {
                    item["ScheduledStartTime"] = HttpJson.FormatHistoryTime(startAt);
                }

                break;
            case HistoryEventType.ExecutionCompleted:
                Set(item, "OrchestrationStatus", e.Status?.ToString());
                if (showHistoryOutput)
                {
                    SetResult(item, e.Result ?? (e.Failure is null ? null : JsonSerializer.Serialize(e.Failure.ErrorMessage)));
                }

                SetFailure(item, e.Failure);
                break;
            case HistoryEventType.ExecutionTerminated:
                // Durable Task keeps a termination reason in the event's Input.
                SetInput(item, e.Reason, showInput);
                break;
            case HistoryEventType.ExecutionSuspended or HistoryEventType.ExecutionResumed or HistoryEventType.ExecutionRewound:
                Set(item, "Reason", e.Reason);
                break;
            case HistoryEventType.TaskScheduled:
                Set(item, "Name", e.Name);
                SetInput(item, e.Input, showInput);
                break;
            case HistoryEventType.SubOrchestrationInstanceCreated:
                Set(item, "Name", e.Name);
                Set(item, "InstanceId", e.InstanceId);
                SetInput(item, e.Input, showInput);
                break;
            case HistoryEventType.TaskCompleted or HistoryEventType.SubOrchestrationInstanceCompleted:
                AddCall(item, calls, (e.EventType == HistoryEventType.SubOrchestrationInstanceCompleted, e.TaskScheduledId), showInput);
                if (showHistoryOutput)
                {
                    SetResult(item, e.Result);
                }

                break;
            case HistoryEventType.TaskFailed or HistoryEventType.SubOrchestrationInstanceFailed:
                AddCall(item, calls, (e.EventType == HistoryEventType.SubOrchestrationInstanceFailed, e.TaskScheduledId), showInput);
                // The message as Reason; type, stack and inner failures in FailureDetails (Details would repeat the stack).
                Set(item, "Reason", e.Failure?.ErrorMessage);
                SetFailure(item, e.Failure);
                break;
            case HistoryEventType.TimerCreated or HistoryEventType.TimerFired:
                if (e.FireAt is { } fireAt)
                {
                    item["FireAt"] = HttpJson.FormatHistoryTime(fireAt);
                }

                break;
            case HistoryEventType.EventRaised:
                Set(item, "Name", e.Name);
                SetInput(item, e.Input, showInput);
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
        Set(item, "FunctionName", call.Name);
        if (key.SubOrchestration)
        {
            Set(item, "InstanceId", call.InstanceId);
        }

        SetInput(item, call.Input, showInput);
    }

    /// <summary>Inputs stay the serialized text, the way Durable Task history prints them; results are parsed.</summary>
    private static void SetInput(JsonObject item, string? input, bool showInput)
    {
        if (showInput)
        {
            Set(item, "Input", input);
        }
    }

    private static void SetResult(JsonObject item, string? result)
    {
        if (result is not null)
        {
            item["Result"] = HttpJson.ToNode(result);
        }
    }

    private static void SetFailure(JsonObject item, TaskFailureDetails? failure)
    {
        if (failure is not null)
        {
            item["FailureDetails"] = FailureNode(failure);
        }
    }

    private static JsonObject FailureNode(TaskFailureDetails failure)
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
        if (failure.Properties is { Count: > 0 } properties)
        {
            var bag = new JsonObject();
            foreach (var (key, value) in properties)
            {
                bag[key] = value;
            }

            node["Properties"] = bag;
        }

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
