namespace DocPipeline.Pipeline.Models;

/// <summary>
/// The facts of a failed model call as an exception message (<c>kind=RateLimited; retryAfterSeconds=30; …</c>,
/// values URI-escaped). It is the inner exception of <see cref="ModelInvocationException"/>, so its type name and
/// message reach the orchestrator as the inner failure even where a runtime drops failure properties.
/// </summary>
public sealed class ModelFailureFacts : Exception
{
    private const string Separator = "; ";

    /// <summary>Creates the exception from the facts.</summary>
    /// <param name="properties">The facts.</param>
    public ModelFailureFacts(IReadOnlyDictionary<string, string> properties)
        : base(Format(properties))
    {
    }

    /// <summary>Reads facts written by this type; empty when the text holds none.</summary>
    /// <param name="message">The failure message.</param>
    public static IReadOnlyDictionary<string, string> Parse(string? message)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(message))
        {
            return facts;
        }

        foreach (var pair in message.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                facts[pair[..equals]] = Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return facts;
    }

    private static string Format(IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return string.Join(Separator, properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
    }
}
