using System.Text.Json;
using System.Text.Json.Serialization;

namespace DocPipeline.Inference.Caching;

/// <summary>The on-disk form of a cached response; versioned so the format can change without misreading old files.</summary>
internal sealed record StoredModelResponse
{
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    public int Format { get; init; } = CurrentFormat;

    public required string Key { get; init; }

    public required string Model { get; init; }

    public required string Text { get; init; }

    public required ModelFinishReason FinishReason { get; init; }

    public string? RawFinishReason { get; init; }

    public required ModelUsage Usage { get; init; }

    public string? ModelVersion { get; init; }

    public string? ResponseId { get; init; }

    public decimal CostUsd { get; init; }

    public DateTimeOffset SavedAt { get; init; }

    public static StoredModelResponse From(string key, ModelResponse response, DateTimeOffset savedAt) => new()
    {
        Key = key,
        Model = response.Model,
        Text = response.Text,
        FinishReason = response.FinishReason,
        RawFinishReason = response.RawFinishReason,
        Usage = response.Usage,
        ModelVersion = response.ModelVersion,
        ResponseId = response.ResponseId,
        CostUsd = response.CostUsd,
        SavedAt = savedAt,
    };

    /// <summary>Reads a payload; null when it is unreadable, of another format or saved under another key.</summary>
    public static StoredModelResponse? TryRead(string key, string payload)
    {
        try
        {
            var stored = JsonSerializer.Deserialize<StoredModelResponse>(payload, SerializerOptions);
            return stored is { Format: CurrentFormat } && stored.Key == key && stored.Text is not null && stored.Usage is not null
                ? stored
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, SerializerOptions);

    public ModelResponse ToResponse() => new()
    {
        Model = Model,
        Text = Text,
        FinishReason = FinishReason,
        RawFinishReason = RawFinishReason,
        Usage = Usage,
        ModelVersion = ModelVersion,
        ResponseId = ResponseId,
        CostUsd = CostUsd,
        FromCache = true,
    };
}
