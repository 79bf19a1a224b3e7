using System.Globalization;

namespace DocPipeline.Host.Cli;

/// <summary>The filters of <c>GET /instances</c>.</summary>
/// <param name="Statuses">Runtime statuses to keep (empty: all).</param>
/// <param name="InstanceIdPrefix">Keep ids starting with this.</param>
/// <param name="CreatedFrom">Created at or after (UTC).</param>
/// <param name="CreatedTo">Created at or before (UTC).</param>
/// <param name="PageSize">Instances per page (<c>top</c>).</param>
public sealed record InstanceFilter(
    IReadOnlyList<string> Statuses,
    string? InstanceIdPrefix = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    int PageSize = 100)
{
    /// <summary>The query string, without the leading <c>?</c>.</summary>
    public string ToQuery()
    {
        var parts = new List<string> { "showInput=false", string.Create(CultureInfo.InvariantCulture, $"top={PageSize}") };
        if (Statuses.Count > 0)
        {
            parts.Add("runtimeStatus=" + Uri.EscapeDataString(string.Join(',', Statuses)));
        }

        if (!string.IsNullOrEmpty(InstanceIdPrefix))
        {
            parts.Add("instanceIdPrefix=" + Uri.EscapeDataString(InstanceIdPrefix));
        }

        if (CreatedFrom is { } from)
        {
            parts.Add("createdTimeFrom=" + Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }

        if (CreatedTo is { } to)
        {
            parts.Add("createdTimeTo=" + Uri.EscapeDataString(to.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }

        return string.Join('&', parts);
    }
}
