using System.Globalization;
using System.Text;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// What the container trigger records on each blob, as blob metadata (names must be C# identifiers, hence the
/// underscores): <c>docpipeline_status</c> (<c>claimed</c>, <c>submitted</c>, <c>completed</c>, <c>failed</c>),
/// <c>docpipeline_instance</c>, <c>docpipeline_error</c>, <c>docpipeline_claimed</c> (when) and
/// <c>docpipeline_attempts</c>. A blob with a status other than a stale claim is never submitted again, so a
/// restart does not re-trigger it; overwriting a blob clears its metadata and makes it new.
/// </summary>
internal sealed record BlobDropState
{
    public const string StatusKey = "docpipeline_status";
    public const string InstanceKey = "docpipeline_instance";
    public const string ErrorKey = "docpipeline_error";
    public const string ClaimedKey = "docpipeline_claimed";
    public const string AttemptsKey = "docpipeline_attempts";

    public const string Claimed = "claimed";
    public const string Submitted = "submitted";
    public const string Completed = "completed";
    public const string Failed = "failed";

    private const int MaxErrorLength = 1024;
    private static readonly string[] Keys = [StatusKey, InstanceKey, ErrorKey, ClaimedKey, AttemptsKey];

    public string? Status { get; init; }

    public string? InstanceId { get; init; }

    public string? Error { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public int Attempts { get; init; }

    public static BlobDropState Read(IDictionary<string, string>? metadata)
    {
        string? Get(string key) => metadata?.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
        return new BlobDropState
        {
            Status = Get(StatusKey),
            InstanceId = Get(InstanceKey),
            Error = Get(ErrorKey),
            ClaimedAt = DateTimeOffset.TryParse(Get(ClaimedKey), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            Attempts = int.TryParse(Get(AttemptsKey), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts) ? attempts : 0,
        };
    }

    /// <summary>The blob's metadata with this state written over the trigger's keys; the owner's own metadata is kept.</summary>
    public Dictionary<string, string> ApplyTo(IDictionary<string, string>? metadata)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            if (!Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                result[key] = value;
            }
        }

        Put(result, StatusKey, Status);
        Put(result, InstanceKey, InstanceId);
        Put(result, ErrorKey, Error is null ? null : HeaderSafe(Error));
        Put(result, ClaimedKey, ClaimedAt?.ToString("O", CultureInfo.InvariantCulture));
        Put(result, AttemptsKey, Attempts > 0 ? Attempts.ToString(CultureInfo.InvariantCulture) : null);
        return result;
    }

    /// <summary>Metadata travels in HTTP headers: printable ASCII on one line, and not too long.</summary>
    internal static string HeaderSafe(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxErrorLength));
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var safe = c is >= ' ' and <= '~' ? c : (char.IsWhiteSpace(c) ? ' ' : '?');
            if (safe == ' ' && lastWasSpace)
            {
                continue;
            }

            lastWasSpace = safe == ' ';
            builder.Append(safe);
            if (builder.Length >= MaxErrorLength)
            {
                break;
            }
        }

        return builder.ToString().Trim();
    }

    private static void Put(Dictionary<string, string> metadata, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            metadata[key] = value;
        }
    }
}
