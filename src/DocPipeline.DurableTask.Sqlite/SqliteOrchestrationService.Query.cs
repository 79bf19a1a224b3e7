using System.Globalization;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.Query;

namespace DocPipeline.DurableTask.Sqlite;

/// <summary>Queries with filters and continuation, and purges.</summary>
public sealed partial class SqliteOrchestrationService
{
    private static readonly OrchestrationStatus[] TerminalStatuses =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Terminated, OrchestrationStatus.Canceled];

    /// <inheritdoc />
    /// <remarks>
    /// Results are ordered by creation time, then instance id. The continuation token is opaque: pass it back
    /// unchanged with the same filters.
    /// </remarks>
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = query.PageSize is > 0 and <= 1000 ? query.PageSize : 100;
        var sql = new StringBuilder($"SELECT {InstanceColumns} FROM instances WHERE 1 = 1");
        var parameters = new List<object?>();
        AppendFilters(sql, parameters, query.RuntimeStatus, query.CreatedTimeFrom, query.CreatedTimeTo);
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND substr(instance_id, 1, {query.InstanceIdPrefix.Length}) = @p{parameters.Count}");
            parameters.Add(query.InstanceIdPrefix);
        }

        if (!string.IsNullOrEmpty(query.ContinuationToken))
        {
            var (created, instanceId) = ParseToken(query.ContinuationToken);
            sql.Append(CultureInfo.InvariantCulture, $" AND (created_at > @p{parameters.Count} OR (created_at = @p{parameters.Count} AND instance_id > @p{parameters.Count + 1}))");
            parameters.Add(created);
            parameters.Add(instanceId);
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY created_at, instance_id LIMIT {pageSize + 1}");
        var states = _db.Read(reader =>
        {
            var list = new List<OrchestrationState>();
            using var rows = reader.Query(sql.ToString(), parameters.ToArray());
            while (rows.Read())
            {
                list.Add(ReadInstance(rows, query.FetchInputsAndOutputs));
            }

            return list;
        });

        string? token = null;
        if (states.Count > pageSize)
        {
            states.RemoveAt(states.Count - 1);
            var last = states[^1];
            token = Convert.ToBase64String(Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"{ToUnixMs(last.CreatedTime)}:{last.OrchestrationInstance.InstanceId}")));
        }

        return Task.FromResult(new OrchestrationQueryResult(states, token));
    }

    /// <inheritdoc />
    /// <remarks>Only an instance that has finished (completed, failed, terminated) is purged.</remarks>
    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return PurgeAsync(
            $"SELECT instance_id FROM instances WHERE instance_id = @p0 AND status IN ({StatusList(TerminalStatuses)})", [instanceId]);
    }

    /// <inheritdoc />
    /// <remarks>Only finished instances are purged, whatever the status filter asks for.</remarks>
    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        var statuses = (purgeInstanceFilter.RuntimeStatus?.ToArray() is { Length: > 0 } requested ? requested : TerminalStatuses)
            .Where(TerminalStatuses.Contains).ToArray();
        if (statuses.Length == 0)
        {
            return Task.FromResult(new PurgeResult(0, isComplete: true));
        }

        var sql = new StringBuilder("SELECT instance_id FROM instances WHERE 1 = 1");
        var parameters = new List<object?>();
        AppendFilters(sql, parameters, statuses, purgeInstanceFilter.CreatedTimeFrom, purgeInstanceFilter.CreatedTimeTo);
        return PurgeAsync(sql.ToString(), [.. parameters]);
    }

    /// <inheritdoc />
    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        var column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCreatedTimeFilter => "created_at",
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed_at",
            _ => "updated_at",
        };
        return PurgeAsync(
            $"SELECT instance_id FROM instances WHERE {column} < @p0 AND status IN ({StatusList(TerminalStatuses)})", [ToUnixMs(thresholdDateTimeUtc)]);
    }

    private Task<PurgeResult> PurgeAsync(string selectIds, object?[] parameters) =>
        _db.Writer.WriteAsync(
            connection =>
            {
                var ids = new List<string>();
                using (var rows = connection.Query(selectIds, parameters))
                {
                    while (rows.Read())
                    {
                        ids.Add(rows.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    connection.Execute("DELETE FROM history WHERE instance_id = @p0", id);
                    connection.Execute("DELETE FROM messages WHERE instance_id = @p0", id);
                    connection.Execute("DELETE FROM tasks WHERE instance_id = @p0", id);
                    connection.Execute("DELETE FROM instances WHERE instance_id = @p0", id);
                }

                return new PurgeResult(ids.Count, isComplete: true);
            },
            client: true);

    private static void AppendFilters(StringBuilder sql, List<object?> parameters, ICollection<OrchestrationStatus>? statuses, DateTime? from, DateTime? to)
    {
        if (statuses is { Count: > 0 })
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND status IN ({StatusList(statuses)})");
        }

        if (from is { } start && start > DateTime.MinValue)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND created_at >= @p{parameters.Count}");
            parameters.Add(ToUnixMs(start));
        }

        if (to is { } end && end < DateTime.MaxValue)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND created_at <= @p{parameters.Count}");
            parameters.Add(ToUnixMs(end));
        }
    }

    private static string StatusList(IEnumerable<OrchestrationStatus> statuses) =>
        string.Join(", ", statuses.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture)));

    private static (long Created, string InstanceId) ParseToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return (long.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture), text[(colon + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(token), ex);
        }
    }
}
