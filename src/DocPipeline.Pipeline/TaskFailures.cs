using Microsoft.DurableTask;

namespace DocPipeline.Pipeline;

/// <summary>Reading pipeline failures back from <see cref="TaskFailureDetails"/>.</summary>
public static class TaskFailures
{
    /// <summary>
    /// Whether a failure is one retrying cannot fix: a <see cref="PermanentPipelineException"/> anywhere in the chain
    /// (matched by <see cref="TaskFailureDetails.ErrorType"/>, which every runtime carries).
    /// </summary>
    /// <param name="failure">The failure.</param>
    public static bool IsPermanent(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        for (var f = failure; f is not null; f = f.InnerFailure)
        {
            if (string.Equals(f.ErrorType, typeof(PermanentPipelineException).FullName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The failure's properties as strings (runtimes may hand them back as strings, numbers or JSON).</summary>
    /// <param name="failure">The failure.</param>
    public static IReadOnlyDictionary<string, string> Properties(TaskFailureDetails failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (failure.Properties is null)
        {
            return result;
        }

        foreach (var (key, value) in failure.Properties)
        {
            var text = value switch
            {
                null => null,
                string s => s,
                System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } e => e.GetString(),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (text is not null)
            {
                result[key] = text;
            }
        }

        return result;
    }
}
