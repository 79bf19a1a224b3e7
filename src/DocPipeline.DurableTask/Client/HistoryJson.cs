using DurableTask.Core.History;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace DocPipeline.DurableTask.Client;

/// <summary>
/// Reads the history dump DTFx backends return from <c>GetOrchestrationHistoryAsync</c> (a JSON array of events, each
/// with its <c>EventType</c>) back into DTFx's history event types.
/// </summary>
internal static class HistoryJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        DateParseHandling = DateParseHandling.DateTime,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        ContractResolver = new NonPublicSetterResolver(),
    });

    public static IList<HistoryEvent> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        var events = new List<HistoryEvent>();
        foreach (var token in JArray.Parse(json))
        {
            if (token is JObject item && ReadType(item) is { } type && item.ToObject(type, Serializer) is HistoryEvent historyEvent)
            {
                events.Add(historyEvent);
            }
        }

        return events;
    }

    private static Type? ReadType(JObject item)
    {
        var kind = item.GetValue("EventType", StringComparison.OrdinalIgnoreCase);
        EventType eventType;
        if (kind?.Type == JTokenType.Integer)
        {
            eventType = (EventType)kind.Value<int>();
        }
        else if (!Enum.TryParse(kind?.Value<string>(), ignoreCase: true, out eventType))
        {
            return null;
        }

        return eventType switch
        {
            EventType.ExecutionStarted => typeof(ExecutionStartedEvent),
            EventType.ExecutionCompleted => typeof(ExecutionCompletedEvent),
            EventType.ExecutionFailed => typeof(ExecutionCompletedEvent),
            EventType.ExecutionTerminated => typeof(ExecutionTerminatedEvent),
            EventType.ExecutionSuspended => typeof(ExecutionSuspendedEvent),
            EventType.ExecutionResumed => typeof(ExecutionResumedEvent),
            EventType.ExecutionRewound => typeof(ExecutionRewoundEvent),
            EventType.TaskScheduled => typeof(TaskScheduledEvent),
            EventType.TaskCompleted => typeof(TaskCompletedEvent),
            EventType.TaskFailed => typeof(TaskFailedEvent),
            EventType.SubOrchestrationInstanceCreated => typeof(SubOrchestrationInstanceCreatedEvent),
            EventType.SubOrchestrationInstanceCompleted => typeof(SubOrchestrationInstanceCompletedEvent),
            EventType.SubOrchestrationInstanceFailed => typeof(SubOrchestrationInstanceFailedEvent),
            EventType.TimerCreated => typeof(TimerCreatedEvent),
            EventType.TimerFired => typeof(TimerFiredEvent),
            EventType.OrchestratorStarted => typeof(OrchestratorStartedEvent),
            EventType.OrchestratorCompleted => typeof(OrchestratorCompletedEvent),
            EventType.EventSent => typeof(EventSentEvent),
            EventType.EventRaised => typeof(EventRaisedEvent),
            EventType.ContinueAsNew => typeof(ContinueAsNewEvent),
            EventType.GenericEvent => typeof(GenericEvent),
            EventType.HistoryState => typeof(HistoryStateEvent),
            _ => null,
        };
    }

    /// <summary>
    /// Several history event properties (a scheduled task's <c>Input</c>, for one) have non-public setters and are
    /// not constructor parameters; without this they would be read back empty.
    /// </summary>
    private sealed class NonPublicSetterResolver : DefaultContractResolver
    {
        // Some events (ExecutionRewoundEvent) have several constructors and none without parameters, which JSON.NET
        // cannot choose between; they are created empty and then filled from their members.
        protected override JsonObjectContract CreateObjectContract(Type objectType)
        {
            var contract = base.CreateObjectContract(objectType);
            if (contract.DefaultCreator is null && contract.OverrideCreator is null
                && objectType.GetConstructor(Type.EmptyTypes) is null && objectType.GetConstructors().Length > 1)
            {
                contract.DefaultCreator = () => System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(objectType);
            }

            return contract;
        }

        protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            if (!property.Writable && member is PropertyInfo { SetMethod: not null })
            {
                property.Writable = true;
            }

            return property;
        }
    }
}
