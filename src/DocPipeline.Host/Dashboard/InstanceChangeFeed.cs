using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace DocPipeline.Host.Dashboard;

/// <summary>
/// Turns the durable client's instance query into a stream of changes: the only part of the dashboard that talks to the
/// engine rather than the management HTTP API, so a change of durable client is an edit here alone. It reads every
/// instance's status each interval and yields, per read, those that appeared, changed or disappeared since the last one.
/// </summary>
internal sealed class InstanceChangeFeed(DurableTaskClient client, TimeProvider timeProvider)
{
    /// <summary>The most instances compared per read; a store holding more shows changes among the newest reads.</summary>
    private const int MaxInstances = 2000;

    public async IAsyncEnumerable<IReadOnlyList<InstanceChange>> WatchAsync(TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var known = await SnapshotAsync(cancellationToken);
        using var timer = new PeriodicTimer(interval, timeProvider);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var current = await SnapshotAsync(cancellationToken);
            var changes = new List<InstanceChange>();
            foreach (var (id, state) in current)
            {
                if (!known.TryGetValue(id, out var before) || before.Fingerprint != state.Fingerprint)
                {
                    changes.Add(new InstanceChange("status", state.Payload));
                }
            }

            foreach (var id in known.Keys.Where(id => !current.ContainsKey(id)))
            {
                changes.Add(new InstanceChange("removed", new JsonObject { ["instanceId"] = id }));
            }

            known = current;
            yield return changes;
        }
    }

    private async Task<Dictionary<string, (string Fingerprint, JsonObject Payload)>> SnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = new Dictionary<string, (string, JsonObject)>(StringComparer.Ordinal);
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 500 }).WithCancellation(cancellationToken))
        {
            var payload = new JsonObject
            {
                ["name"] = instance.Name,
                ["instanceId"] = instance.InstanceId,
                ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
                ["customStatus"] = Parse(instance.SerializedCustomStatus),
                ["createdTime"] = Format(instance.CreatedAt),
                ["lastUpdatedTime"] = Format(instance.LastUpdatedAt),
            };
            var fingerprint = string.Join('|', instance.RuntimeStatus, instance.LastUpdatedAt.Ticks, instance.SerializedCustomStatus);
            snapshot[instance.InstanceId] = (fingerprint, payload);
            if (snapshot.Count >= MaxInstances)
            {
                break;
            }
        }

        return snapshot;
    }

    private static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
