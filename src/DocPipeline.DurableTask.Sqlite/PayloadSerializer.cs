using DurableTask.Core;
using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>
/// JSON for messages and history events. Events are polymorphic, so their type is written with them; reading only
/// accepts types of DurableTask.Core, so a hostile file cannot make the worker instantiate anything else.
/// </summary>
internal static partial class PayloadSerializer
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.Auto,
        SerializationBinder = new CoreTypesBinder(),
        ContractResolver = new CoreTypesResolver(),
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        NullValueHandling = NullValueHandling.Ignore,
        MaxDepth = 64,
    };

    private static readonly JsonSerializerSettings Plain = new()
    {
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        NullValueHandling = NullValueHandling.Ignore,
        Converters = [new Newtonsoft.Json.Converters.StringEnumConverter()],
    };

    public static string SerializeMessage(TaskMessage message) => JsonConvert.SerializeObject(message, typeof(TaskMessage), Settings);

    public static TaskMessage DeserializeMessage(string json) =>
        JsonConvert.DeserializeObject<TaskMessage>(json, Settings) ?? throw new JsonSerializationException("The message is empty.");

    public static string SerializeEvent(HistoryEvent historyEvent) => JsonConvert.SerializeObject(historyEvent, typeof(HistoryEvent), Settings);

    public static HistoryEvent DeserializeEvent(string json) =>
        JsonConvert.DeserializeObject<HistoryEvent>(json, Settings) ?? throw new JsonSerializationException("The history event is empty.");

    /// <summary>Plain JSON (no type names), for values returned to clients: history listings, failure details, tags.</summary>
    public static string ToJson(object value) => JsonConvert.SerializeObject(value, Plain);

    public static T? FromJson<T>(string? json) => json is null ? default : JsonConvert.DeserializeObject<T>(json, Plain);

    /// <summary>
    /// Some events (ExecutionRewoundEvent) have several constructors and none without parameters, which JSON.NET
    /// cannot choose between; they are created empty and then filled from their serialized members.
    /// </summary>
    private sealed class CoreTypesResolver : DefaultContractResolver
    {
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
    }

    private sealed class CoreTypesBinder : DefaultSerializationBinder
    {
        private static readonly string CoreAssembly = typeof(TaskMessage).Assembly.GetName().Name!;

        public override Type BindToType(string? assemblyName, string typeName)
        {
            if (!string.Equals(assemblyName, CoreAssembly, StringComparison.Ordinal) && !IsFrameworkCollection(assemblyName, typeName))
            {
                throw new JsonSerializationException($"Type '{typeName}, {assemblyName}' is not a Durable Task type and is not read from the store.");
            }

            return base.BindToType(assemblyName, typeName);
        }

        // Tags and similar dictionaries are declared as interfaces, so their concrete collection type is written too;
        // only framework collections of framework types are accepted.
        private static bool IsFrameworkCollection(string? assemblyName, string typeName) =>
            assemblyName is "System.Private.CoreLib" or "mscorlib"
            && typeName.StartsWith("System.Collections.Generic.", StringComparison.Ordinal)
            && GenericArgument().Matches(typeName).All(static m =>
                m.Groups[1].Value.StartsWith("System.", StringComparison.Ordinal) && m.Groups[2].Value is "System.Private.CoreLib" or "mscorlib");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[([^\[\],]+), ([^\],]+)")]
    private static partial System.Text.RegularExpressions.Regex GenericArgument();
}
