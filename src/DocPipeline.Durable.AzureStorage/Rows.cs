using System.Globalization;
using Azure.Data.Tables;

namespace DocPipeline.Durable.AzureStorage;

/// <summary>
/// Row keys and column names. An instance's partition (partition key = instance id) holds its instance row (row key
/// ""), its history rows ("h{generation}-{sequence}") and its inbox rows ("m-…"), so one step commits in one
/// entity-group transaction.
/// </summary>
internal static class Rows
{
    public const string InstanceKey = "";
    public const string InboxFrom = "m-";
    public const string InboxTo = "m.";

    public const string Name = "Name";
    public const string ExecutionId = "ExecutionId";
    public const string RuntimeStatus = "RuntimeStatus";
    public const string CreatedAt = "CreatedAt";
    public const string LastUpdatedAt = "LastUpdatedAt";
    public const string CompletedAt = "CompletedAt";
    public const string Version = "Version";
    public const string LockedBy = "LockedBy";
    public const string LockedUntil = "LockedUntil";
    public const string HistoryGeneration = "HistoryGeneration";
    public const string HistoryCount = "HistoryCount";
    public const string ParentInstanceId = "ParentInstanceId";
    public const string ParentExecutionId = "ParentExecutionId";
    public const string ParentTaskId = "ParentTaskId";
    public const string Input = "Input";
    public const string Output = "Output";
    public const string CustomStatus = "CustomStatus";
    public const string Failure = "Failure";
    public const string Event = "Event";
    public const string EventType = "EventType";
    public const string VisibleAt = "VisibleAt";
    public const string Order = "Order";
    public const string DequeueCount = "DequeueCount";
    public const string TaskId = "TaskId";
    public const string Kind = "Kind";
    public const string Payload = "Payload";
    public const string Reason = "Reason";
    public const string RecordedAt = "RecordedAt";

    /// <summary>No lock: a time before any lease.</summary>
    public static readonly DateTimeOffset NoLock = DateTimeOffset.UnixEpoch;

    public static string HistoryKey(int generation, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"h{generation:D6}-{sequence:D8}");

    public static string HistoryFrom(int generation) => string.Create(CultureInfo.InvariantCulture, $"h{generation:D6}-");

    public static string HistoryTo(int generation) => string.Create(CultureInfo.InvariantCulture, $"h{generation:D6}.");

    /// <summary>A message with no identity of its own (client sends).</summary>
    public static string NewMessageKey() => "m-" + Guid.NewGuid().ToString("N");

    /// <summary>The start message of an execution.</summary>
    public static string StartMessageKey(string executionId) => "m-s-" + executionId;

    /// <summary>
    /// A message sent by a step: the same step retried after a crash or a lost race sends the same keys, so the copies
    /// already written are recognised (409) instead of delivered twice.
    /// </summary>
    public static string StepMessageKey(string sourceInstanceId, string sourceExecutionId, long sourceVersion, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"m-c-{sourceInstanceId}|{sourceExecutionId}|{sourceVersion}|{index}");

    /// <summary>The result of an activity work item.</summary>
    public static string ResultMessageKey(string workItemKey) => "m-r-" + workItemKey;

    /// <summary>An activity work item: its call identity plus the version of the step that scheduled it.</summary>
    public static string WorkItemKey(string executionId, int taskId, long version) =>
        string.Create(CultureInfo.InvariantCulture, $"{executionId}|{taskId:D8}|{version}");

    public static string WorkItemId(string instanceId, string rowKey) => instanceId + "/" + rowKey;

    public static (string InstanceId, string RowKey) ParseWorkItemId(string itemId)
    {
        var slash = itemId.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == itemId.Length - 1)
        {
            throw new ArgumentException($"'{itemId}' is not a work item id of the Azure Storage store.", nameof(itemId));
        }

        return (itemId[..slash], itemId[(slash + 1)..]);
    }

    /// <summary>Sorts messages in the order they were sent (time, then a per-process counter).</summary>
    public static string NewOrder(DateTime now, long counter) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.Ticks:D19}-{counter % 1_000_000_000:D9}");

    public static DateTime GetTime(this TableEntity entity, string column) =>
        entity.GetDateTimeOffset(column)?.UtcDateTime ?? DateTime.UnixEpoch;

    public static DateTime? GetOptionalTime(this TableEntity entity, string column) =>
        entity.GetDateTimeOffset(column)?.UtcDateTime;

    public static DateTimeOffset ToOffset(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    public static bool IsInstanceIdUsable(string instanceId) =>
        instanceId.Length is > 0 and <= 256 && !instanceId.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?');

    public static void RequireUsableInstanceId(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (!IsInstanceIdUsable(instanceId))
        {
            throw new ArgumentException(
                $"The instance id '{instanceId}' cannot be stored in Azure Storage: use 1 to 256 characters without control characters, '/', '\\', '#' or '?'.",
                nameof(instanceId));
        }
    }
}
