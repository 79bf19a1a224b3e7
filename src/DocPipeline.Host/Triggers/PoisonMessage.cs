using System.Text.Json;
using Azure.Storage.Queues.Models;

namespace DocPipeline.Host.Triggers;

/// <summary>
/// What goes to the poison queue: the original message text in <see cref="Body"/> (send it back to the ingest
/// queue to try again) and why it was set aside.
/// </summary>
/// <param name="Reason">Why the message could not be handled.</param>
/// <param name="Queue">The queue it came from.</param>
/// <param name="MessageId">Its id there.</param>
/// <param name="DequeueCount">How many times it had been received.</param>
/// <param name="InsertedOn">When it was first queued.</param>
/// <param name="PoisonedAt">When it was set aside.</param>
/// <param name="Body">The original message text, unchanged.</param>
internal sealed record PoisonMessage(
    string Reason,
    string Queue,
    string MessageId,
    long DequeueCount,
    DateTimeOffset? InsertedOn,
    DateTimeOffset PoisonedAt,
    string Body)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PoisonMessage For(string queue, QueueMessage message, string reason, DateTimeOffset now) =>
        new(reason, queue, message.MessageId, message.DequeueCount, message.InsertedOn, now, message.Body.ToString());

    /// <summary>JSON with every non-ASCII character escaped, which a queue message can always carry.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PoisonMessage? TryParse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<PoisonMessage>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
