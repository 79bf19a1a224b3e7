using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Primitives;

namespace DocPipeline.DurableTask.Http;

/// <summary>
/// Reads the management API's query parameters. Unlike Durable Functions, which silently ignores values it cannot
/// parse, a malformed value is reported so the caller learns why a filter had no effect.
/// </summary>
internal static class QueryParameters
{
    /// <summary>The largest wait a start or restart may ask for (one day); beyond it the request is rejected.</summary>
    public const double MaxWaitSeconds = 86_400;

    private static readonly string[] StatusNames = Enum.GetNames<OrchestrationRuntimeStatus>();

    public static bool TryGetBoolean(IQueryCollection query, string name, bool defaultValue, out bool value, [NotNullWhen(false)] out string? error)
    {
        value = defaultValue;
        if (!TryGetSingle(query, name, out var text, out error))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (bool.TryParse(text, out value))
        {
            return true;
        }

        error = $"The '{name}' parameter must be true or false; '{text}' is neither.";
        return false;
    }

    public static bool TryGetDateTime(IQueryCollection query, string name, out DateTime? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (!TryGetSingle(query, name, out var text, out error))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        // Python's strftime can drop the leading zeros of years before 1000; Durable Functions pads them back.
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash is > 0 and < 4 && text.AsSpan(0, dash).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            text = new string('0', 4 - dash) + text;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        error = $"The '{name}' parameter must be an ISO-8601 date and time such as 2026-01-31T12:00:00Z; '{text}' is not.";
        return false;
    }

    /// <summary>Reads statuses given as a comma-separated list, as repeated parameters, or both. Names ignore case.</summary>
    public static bool TryGetStatuses(IQueryCollection query, string name, out IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, [NotNullWhen(false)] out string? error)
    {
        statuses = null;
        error = null;
        var found = new List<OrchestrationRuntimeStatus>();
        foreach (var value in query[name])
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Matched against the names only: Enum.TryParse would also accept numbers such as "42".
                var match = Array.Find(StatusNames, n => n.Equals(part, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    error = $"'{part}' is not a runtime status. Use one or more of: {string.Join(", ", StatusNames)}.";
                    return false;
                }

                var status = Enum.Parse<OrchestrationRuntimeStatus>(match);
                if (!found.Contains(status))
                {
                    found.Add(status);
                }
            }
        }

        statuses = found.Count > 0 ? found : null;
        return true;
    }

    public static bool TryGetPageSize(IQueryCollection query, string name, int defaultValue, int maxValue, out int value, [NotNullWhen(false)] out string? error)
    {
        value = defaultValue;
        if (!TryGetSingle(query, name, out var text, out error))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            value = Math.Min(parsed, maxValue);
            return true;
        }

        error = $"The '{name}' parameter must be a whole number of at least 1; '{text}' is not.";
        return false;
    }

    /// <summary>Reads a duration in seconds (fractions allowed), from 0 to <see cref="MaxWaitSeconds"/>.</summary>
    public static bool TryGetSeconds(IQueryCollection query, string name, out TimeSpan? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (!TryGetSingle(query, name, out var text, out error))
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0 and <= MaxWaitSeconds)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        error = $"The '{name}' parameter must be a number of seconds from 0 to {MaxWaitSeconds.ToString(CultureInfo.InvariantCulture)}; '{text}' is not.";
        return false;
    }

    /// <summary>Reads an optional free-text parameter; null when absent.</summary>
    public static string? GetText(IQueryCollection query, string name)
    {
        var values = query[name];
        return StringValues.IsNullOrEmpty(values) ? null : values.ToString();
    }

    /// <summary>An absent or empty parameter gives null; one given twice is an error rather than a guess.</summary>
    private static bool TryGetSingle(IQueryCollection query, string name, out string? text, [NotNullWhen(false)] out string? error)
    {
        text = null;
        error = null;
        var values = query[name];
        if (values.Count > 1)
        {
            error = $"The '{name}' parameter was given more than once.";
            return false;
        }

        var single = values.Count == 1 ? values[0]?.Trim() : null;
        text = string.IsNullOrEmpty(single) ? null : single;
        return true;
    }
}
